package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sliding-log rate limiter: at most {@code budget} admitted requests per key in any {@code window}. */
final class RateLimiter {
    /** {@code resetEpochSeconds}: when the oldest counted request leaves the window (rounded up). */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {}

    private final int budget;
    private final long windowMillis;
    private final Map<String, ArrayDeque<Long>> logs = new ConcurrentHashMap<>();

    RateLimiter(int budget, Duration window) {
        this.budget = budget;
        this.windowMillis = window.toMillis();
    }

    Decision acquire(String key) {
        long now = System.currentTimeMillis(); // wall clock: X-RateLimit-Reset is compared with the client's clock
        ArrayDeque<Long> log = logs.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst() + windowMillis <= now) log.pollFirst();
            boolean allowed = log.size() < budget;
            if (allowed) log.addLast(now); // a refused request does not consume budget
            long reset = Math.floorDiv(log.peekFirst() + windowMillis + 999, 1000);
            return new Decision(allowed, budget, budget - log.size(), reset);
        }
    }
}
