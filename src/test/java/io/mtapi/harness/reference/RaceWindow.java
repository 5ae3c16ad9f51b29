package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The window of a check-then-act race, for faulty code paths only, opened deterministically.
 *
 * <p>On a deployment such a race opens across whatever runs between the check and the act: a cost-12
 * bcrypt hash, a database round trip. Whether two requests of a burst land inside it is timing luck,
 * and luck is no basis for a self-test: a fault matrix that caught a race three runs in five was red
 * for nothing on the other two. So a faulty step here does not widen the window by a guessed delay;
 * it waits, at most {@link #BOUND}, until a competing request (one that shares a key with it: the same
 * username, the same user id, the same shared buffer) has reached the same point, and the second to
 * arrive releases the first. Both then act on what they checked, and the race happens every time the
 * suite sends one. The correct code paths never call this.
 *
 * <p>The window counts what it saw: the fault matrix reads {@link #met()} to tell a suite that passed
 * a race fault because it never raced (unjudged: run it again) from one that raced and still did not
 * see the defect (missed).
 */
final class RaceWindow {

    /**
     * How long the first request at the point waits for a competitor. The requests of one burst leave
     * the harness within milliseconds; seconds cover a loaded 2-core CI machine. A request nobody
     * competes with (a plain creation while the fault is on) pays this once and goes on.
     */
    static final Duration BOUND = Duration.ofSeconds(2);

    private final Map<String, Waiter> waiting = new HashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong met = new AtomicLong();

    /** A request waiting at the point, under every key it holds. */
    private static final class Waiter {
        final List<String> keys;
        final CountDownLatch partner = new CountDownLatch(1);

        Waiter(List<String> keys) {
            this.keys = keys;
        }
    }

    /**
     * Called by a faulty step between its check and its act: returns once a request sharing one of
     * {@code keys} has reached this point too, or after {@link #BOUND} when none comes.
     *
     * @param point what the step is (e.g. "user update"), so different races never pair up
     * @param keys  what the competing request must share with this one, e.g. the username
     */
    void meet(String point, List<String> keys) {
        opened.incrementAndGet();
        List<String> scoped = keys.stream().map(key -> point + "\n" + key).toList();
        Waiter mine;
        synchronized (waiting) {
            Waiter first = scoped.stream().map(waiting::get).filter(w -> w != null).findFirst().orElse(null);
            if (first != null) {
                first.keys.forEach(waiting::remove);
                met.incrementAndGet();
                first.partner.countDown();
                return;
            }
            mine = new Waiter(scoped);
            scoped.forEach(key -> waiting.put(key, mine));
        }
        try {
            mine.partner.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (waiting) {
                mine.keys.forEach(key -> waiting.remove(key, mine));
            }
        }
    }

    /** As {@link #meet(String, List)} with one key. */
    void meet(String point, String key) {
        meet(point, List.of(key));
    }

    /** Requests that reached a race point. */
    long opened() {
        return opened.get();
    }

    /** Pairs of requests that met at a race point: races that really happened. */
    long met() {
        return met.get();
    }
}
