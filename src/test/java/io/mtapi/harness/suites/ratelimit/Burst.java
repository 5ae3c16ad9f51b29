package io.mtapi.harness.suites.ratelimit;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Sends n calls at the same moment: a budget is spent in about one round trip instead of n,
 * so it fits in a short window even on a slow or busy target.
 */
final class Burst {

    private static final long TIMEOUT_SECONDS = 60;

    private Burst() {
    }

    /** Calls {@code call.apply(i)} for i = 1..n concurrently; results in the order of i. */
    static <O> List<O> of(int n, IntFunction<O> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<O>> futures = IntStream.rangeClosed(1, n).mapToObj(i -> pool.submit(() -> {
                gate.await();
                return call.apply(i);
            })).toList();
            gate.countDown();
            return futures.stream().map(Burst::await).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static <O> O await(Future<O> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a call of the burst did not finish within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the burst", e);
        }
    }
}
