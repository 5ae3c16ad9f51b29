package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Flaky mode of the reference target: the faults and the shape of the network and the platform
 * rather than of the API. A share of requests is answered 503 before any processing, a share has
 * its connection dropped without any answer, every request is delayed, and the platform may
 * process one request at a time. Used to prove that retries, recoveries, timeouts and pacing keep
 * the suites correct on an unsteady deployment, and to benchmark against a realistic one.
 *
 * @param serviceUnavailableRate share of requests answered 503 before they are processed (0..1)
 * @param latency                added to every request
 * @param droppedConnectionRate  share of requests whose connection is closed with no answer at all (0..1):
 *                               half of them before processing (nothing changes), half after the handler
 *                               ran (the change is applied, its answer lost)
 * @param oneWorker              one request is processed at a time across the whole target, as by a
 *                               one-worker async server (uvicorn, one process) that hashes passwords on its
 *                               request thread: while it hashes, nobody else is answered
 */
public record Flakiness(double serviceUnavailableRate, Duration latency, double droppedConnectionRate,
                        boolean oneWorker) {

    public static final Flakiness NONE = new Flakiness(0, Duration.ZERO, 0, false);

    /** Weather without the one-worker platform. */
    public Flakiness(double serviceUnavailableRate, Duration latency, double droppedConnectionRate) {
        this(serviceUnavailableRate, latency, droppedConnectionRate, false);
    }

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
        return serviceUnavailableRate > 0 || !latency.isZero() || droppedConnectionRate > 0 || oneWorker;
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
