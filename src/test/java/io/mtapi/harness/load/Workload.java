package io.mtapi.harness.load;

import java.util.Arrays;
import java.util.Locale;

/** The load tier's workloads, one Gatling simulation each: {@code bin/load steady|spike|bulk}. */
public enum Workload {
    /** N tenants x several callers, the realistic mix, each caller paced inside its rate-limit budgets. */
    STEADY,
    /** Every caller bursts through a few iterations inside a short window, still inside its budgets. */
    SPIKE,
    /** Concurrent POST /api/v1/users/bulk from every caller. */
    BULK;

    /** The name on the command line and in config ({@code load.steady}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Workload of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown workload '" + key + "'; known: steady, spike, bulk"));
    }
}
