package io.mtapi.harness.reference;

import java.time.Duration;

/**
 * The slow step of a real deployment, for faulty code paths only. A check-then-act race opens
 * across whatever runs between the check and the act: on a deployment that is a cost-12 bcrypt hash
 * (about 250 ms) or a database round trip; in this in-memory target it would be microseconds, and a
 * race that is real in production would stay invisible. Correct code paths never call this.
 */
final class RaceWindow {
    static final Duration DATABASE_ROUND_TRIP = Duration.ofMillis(40);
    static final Duration PASSWORD_HASH = Duration.ofMillis(60);

    private RaceWindow() {
    }

    static void widen(Duration slowStep) {
        try {
            Thread.sleep(slowStep.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
