package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Sliding-log rate limiter: at most {@code budget} admitted requests per key in any {@code window}. */
final class RateLimiter {
    /** {@code resetEpochSeconds}: when the oldest counted request leaves the window (rounded up). */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {}

    private final int budget;
    private final long windowMillis;
    private final Set<Fault> faults;
    private final Map<String, ArrayDeque<Long>> logs = new ConcurrentHashMap<>();

    RateLimiter(int budget, Duration window) {
        this(budget, window, Set.of());
    }

    RateLimiter(int budget, Duration window, Set<Fault> faults) {
        this.budget = budget;
        this.windowMillis = window.toMillis();
        this.faults = Set.copyOf(faults);
    }

    private boolean on(Fault fault) {
        return faults.contains(fault);
    }

    Decision acquire(String key) {
        long now = System.currentTimeMillis(); // wall clock: X-RateLimit-Reset is compared with the client's clock
        ArrayDeque<Long> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            if (!on(Fault.RATE_LIMIT_NEVER_RESETS)) prune(log, now);
            boolean allowed = on(Fault.RATE_LIMIT_OFF_BY_ONE) ? log.size() <= budget : log.size() < budget;
            if (allowed && on(Fault.RATE_LIMIT_NEVER_RESETS)) prune(log, now);
            if (allowed || on(Fault.RATE_LIMIT_REFUSED_CALLS_COUNT)) log.addLast(now); // a refused request does not consume budget
            long reset = on(Fault.RATE_LIMIT_RESET_IN_MILLIS) ? log.peekFirst() + windowMillis
                    : Math.floorDiv(log.peekFirst() + windowMillis + 999, 1000);
            return new Decision(allowed, budget, Math.max(0, budget - log.size()), reset);
        }
    }

    private void prune(ArrayDeque<Long> log, long now) {
        while (!log.isEmpty() && log.peekFirst() + windowMillis <= now) log.pollFirst();
    }
}
