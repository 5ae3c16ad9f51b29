package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Flaky mode of the reference target: the faults of the network and the platform rather than
 * of the API. A share of requests is answered 503 before any processing, a share has its
 * connection dropped without any answer, and every request is delayed. Used to prove that
 * retries, recoveries, timeouts and pacing keep the suites correct on an unsteady deployment.
 *
 * @param serviceUnavailableRate share of requests answered 503 before they are processed (0..1)
 * @param latency                added to every request
 * @param droppedConnectionRate  share of requests whose connection is closed with no answer at all (0..1):
 *                               half of them before processing (nothing changes), half after the handler
 *                               ran (the change is applied, its answer lost)
 */
public record Flakiness(double serviceUnavailableRate, Duration latency, double droppedConnectionRate) {

    public static final Flakiness NONE = new Flakiness(0, Duration.ZERO, 0);

    public Flakiness {
        requireRate(serviceUnavailableRate, "serviceUnavailableRate");
        requireRate(droppedConnectionRate, "droppedConnectionRate");
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
    }

    private static void requireRate(double rate, String name) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + rate);
        }
    }

    public boolean isOn() {
        return serviceUnavailableRate > 0 || !latency.isZero() || droppedConnectionRate > 0;
    }

    /** Whether this request's connection is dropped, and when; null for most requests. */
    Drop drawDrop() {
        double roll = ThreadLocalRandom.current().nextDouble();
        return roll < droppedConnectionRate / 2 ? Drop.BEFORE_PROCESSING
                : roll < droppedConnectionRate ? Drop.AFTER_PROCESSING : null;
    }

    boolean drawServiceUnavailable() {
        return ThreadLocalRandom.current().nextDouble() < serviceUnavailableRate;
    }

    /** When a dropped connection is closed, as the client can never tell. */
    public enum Drop {
        /** Before the handler: nothing changed on the target. */
        BEFORE_PROCESSING,
        /** After the handler ran: its change is applied, its answer discarded. */
        AFTER_PROCESSING
    }
}
