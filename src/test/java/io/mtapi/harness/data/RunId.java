package io.mtapi.harness.data;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The id of this run, carried by every name the harness creates, so data left on a
 * shared deployment can be traced to the run that made it, and two runs started at
 * the same moment never collide: epoch seconds plus random bits, in base 36.
 * Set {@code -Dharness.runId=...} to correlate with a CI job.
 */
public final class RunId {

    private static final String VALUE = System.getProperty("harness.runId", generate());
    private static final AtomicLong COUNTER = new AtomicLong();

    private RunId() {
    }

    public static String value() {
        return VALUE;
    }

    /** A token unique within the run and, through the run id, across runs: {@code <runId>x<n>}. */
    public static String unique() {
        return VALUE + "x" + Long.toString(COUNTER.incrementAndGet(), 36);
    }

    private static String generate() {
        String time = Long.toString(System.currentTimeMillis() / 1000, 36);
        String random = Long.toString(new SecureRandom().nextInt(36 * 36 * 36 * 36), 36);
        return (time.substring(Math.max(0, time.length() - 5)) + "0000".substring(random.length()) + random)
                .toLowerCase(Locale.ROOT);
    }
}
