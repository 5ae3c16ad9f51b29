package io.mtapi.harness.reference;

import java.time.Duration;

/**
 * Flaky mode of the reference target: the faults of the network and the platform rather than
 * of the API. A share of requests is answered 503 before any processing, and every request is
 * delayed. Used to prove that retries, timeouts and pacing keep the suites correct on an
 * unsteady deployment.
 *
 * @param serviceUnavailableRate share of requests answered 503 before they are processed (0..1)
 * @param latency                added to every request
 */
public record Flakiness(double serviceUnavailableRate, Duration latency) {

    public static final Flakiness NONE = new Flakiness(0, Duration.ZERO);

    public Flakiness {
        if (serviceUnavailableRate < 0 || serviceUnavailableRate >= 1) {
            throw new IllegalArgumentException("serviceUnavailableRate must be in [0, 1), got " + serviceUnavailableRate);
        }
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive");
        }
    }

    public boolean isOn() {
        return serviceUnavailableRate > 0 || !latency.isZero();
    }
}
