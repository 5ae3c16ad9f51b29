package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-log rate limiter: at most {@code budget} admitted requests per key in any {@code window}. With
 * {@link Freedom#RATE_LIMIT_FIXED_WINDOW}, a fixed window instead: a key's count starts with its first
 * admitted call and is dropped whole one window later (the Redis INCR + EXPIRE pattern).
 */
final class RateLimiter {
    /** {@code resetEpochSeconds}: when the oldest counted request leaves the window (rounded up). */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {}

    private final int budget;
    private final long windowMillis;
    private final Set<Fault> faults;
    private final Set<Freedom> freedoms;
    private final Map<String, ArrayDeque<Long>> logs = new ConcurrentHashMap<>();

    RateLimiter(int budget, Duration window) {
        this(budget, window, Set.of(), Set.of());
    }

    RateLimiter(int budget, Duration window, Set<Fault> faults, Set<Freedom> freedoms) {
        this.budget = budget;
        this.windowMillis = window.toMillis();
        this.faults = Set.copyOf(faults);
        this.freedoms = Set.copyOf(freedoms);
    }

    private boolean on(Fault fault) {
        return faults.contains(fault);
    }

    private boolean takes(Freedom freedom) {
        return freedoms.contains(freedom);
    }

    Decision acquire(String key) {
        long now = System.currentTimeMillis(); // wall clock: X-RateLimit-Reset is compared with the client's clock
        ArrayDeque<Long> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            if (!on(Fault.RATE_LIMIT_NEVER_RESETS)) prune(log, now);
            boolean allowed = on(Fault.RATE_LIMIT_OFF_BY_ONE) ? log.size() <= budget : log.size() < budget;
            if (allowed && on(Fault.RATE_LIMIT_NEVER_RESETS)) prune(log, now);
            if (allowed || on(Fault.RATE_LIMIT_REFUSED_CALLS_COUNT)) log.addLast(now); // a refused request does not consume budget
            long frees = log.peekFirst() + windowMillis;
            // Whole seconds: the one the slot frees in, rounded up; or down, so the slot frees up to a second after it (§7).
            long reset = on(Fault.RATE_LIMIT_RESET_IN_MILLIS) ? frees
                    : takes(Freedom.RATE_LIMIT_RESET_ROUNDED_DOWN) ? Math.floorDiv(frees, 1000) : Math.floorDiv(frees + 999, 1000);
            return new Decision(allowed, budget, Math.max(0, budget - log.size()), reset);
        }
    }

    private void prune(ArrayDeque<Long> log, long now) {
        if (takes(Freedom.RATE_LIMIT_FIXED_WINDOW)) {
            if (!log.isEmpty() && log.peekFirst() + windowMillis <= now) log.clear(); // the whole window expires at once
            return;
        }
        while (!log.isEmpty() && log.peekFirst() + windowMillis <= now) log.pollFirst();
    }
}
