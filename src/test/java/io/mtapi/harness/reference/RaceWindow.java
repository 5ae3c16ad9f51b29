package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

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

    /** Spends the slow step's time on the request thread, as the real work would; waits for no state. */
    static void widen(Duration slowStep) {
        LockSupport.parkNanos(slowStep.toNanos());
    }
}
