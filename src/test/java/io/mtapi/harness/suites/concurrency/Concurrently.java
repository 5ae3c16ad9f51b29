package io.mtapi.harness.suites.concurrency;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one call per input at the same moment: all threads wait at a gate and are
 * released together, so the target sees the requests overlap.
 */
final class Concurrently {

    private static final long TIMEOUT_SECONDS = 60;

    private Concurrently() {
    }

    static <I, O> List<O> run(List<I> inputs, Function<I, O> call) {
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<O>> futures = inputs.stream().map(input -> pool.submit(() -> {
                gate.await();
                return call.apply(input);
            })).toList();
            gate.countDown();
            return futures.stream().map(Concurrently::await).toList();
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
            throw new AssertionError("a concurrent call did not finish within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for concurrent calls", e);
        }
    }
}
