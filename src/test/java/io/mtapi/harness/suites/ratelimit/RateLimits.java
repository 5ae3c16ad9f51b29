package io.mtapi.harness.suites.ratelimit;

import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.Tenant;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The rate-limit suite's moves: spend a budget, read the reset, wait for the target's clock. */
final class RateLimits {

    /**
     * X-RateLimit-Reset counts whole seconds, so a slot may free up to a second after the moment it names
     * (CONTRACT.md section 7): a client that waits for it waits this much more before it judges.
     */
    static final Duration WHOLE_SECOND = Duration.ofSeconds(1);
    /**
     * How long past the window a wait for a reset may take before it gives up. The header is already checked to
     * lie within the window (resetOf), so this bound never slows a passing run: it only has to outlast a starved
     * poll thread on a loaded machine. 3 s did not: with three freedom rows side by side and a CI build on the
     * same 2 cores, a wait for a moment 6 s ahead timed out at 7 s, three times in two runs.
     */
    private static final Duration RESET_MARGIN = Duration.ofSeconds(15);

    private RateLimits() {
    }

    /**
     * A file to address by concrete path, each test its own: {@code GET /api/v1/files/{id}} is a budget
     * no other test spends. Uploads cost the target no password hash, unlike a user per test.
     */
    static FileMetadata fileOf(Tenant tenant) {
        return tenant.files().uploaded(SampleFiles.text());
    }

    /**
     * A call limited right now: a file of the tenant downloaded by its admin (unpaced) until the
     * budget of {@code GET /api/v1/files/{id}} is spent and the next download is refused.
     *
     * @param reset      the refusal's X-RateLimit-Reset as a moment
     * @param spentFrom  when the calls that spent the budget were sent: the target stamped none of them earlier
     * @param spentIn    how long those calls, sent at once, took: what a burst of them costs on this target now
     */
    record Limited(Caller admin, FileMetadata subject, Instant reset, Instant spentFrom, Duration spentIn) {

        static Limited by(Tenant tenant, ApiTarget target) {
            FileMetadata subject = fileOf(tenant);
            Caller admin = tenant.admin().unpaced();
            Window window = Window.open(target);
            spendBudget(target, "GET /api/v1/files/{id}", i -> admin.files().download(subject.id()));
            Duration spentIn = Duration.between(window.openedAt(), Instant.now());
            return new Limited(admin, subject, refusedAfterBudget(target, window, () -> admin.files().download(subject.id())),
                    window.openedAt(), spentIn);
        }

        /**
         * The earliest moment the spent budget may free a slot: a window after the first call was sent, and
         * no earlier than a second before the X-RateLimit-Reset that rounds that moment to whole seconds.
         */
        Instant earliestFree(Duration window) {
            Instant fromCalls = spentFrom.plus(window);
            Instant fromHeader = reset.minus(WHOLE_SECOND);
            return fromCalls.isAfter(fromHeader) ? fromCalls : fromHeader;
        }

        /** The limited call once more. */
        ApiResponse call() {
            return admin.files().download(subject.id());
        }
    }

    /**
     * Makes exactly budget calls, all at once so they fit in one window; each must succeed,
     * since the contract admits the budget-th call too.
     */
    static void spendBudget(ApiTarget target, String call, IntFunction<ApiResponse> send) {
        int budget = budget(target);
        List<ApiResponse> responses = Concurrently.times(budget, send);
        for (int i = 0; i < budget; i++) {
            assertThat(responses.get(i)).as("call %d of %d of %s, within the budget", i + 1, budget, call).isOk();
        }
    }

    /**
     * X-RateLimit-Reset as a moment: epoch seconds, not before the refused call was sent (the
     * second it is in counts), and not later than the window plus the second it is rounded up by.
     */
    static Instant resetOf(ApiResponse refused, Instant sentAt, Instant receivedAt, ApiTarget target) {
        long reset = Long.parseLong(refused.header("X-RateLimit-Reset").trim());
        long latest = receivedAt.plus(window(target)).getEpochSecond() + 1;
        assertThat(reset).as("X-RateLimit-Reset (epoch seconds at which a slot frees) of a 429 with a %d s window: "
                        + "not before the call, at most window + 1 s ahead%n  received at %s", window(target).toSeconds(),
                        receivedAt)
                .isBetween(sentAt.getEpochSecond(), latest);
        return Instant.ofEpochSecond(reset);
    }

    /**
     * Sends the call after a spent budget, which must be refused (429 with the three headers),
     * and returns its X-RateLimit-Reset as a moment; judged only when the window allows (see {@link Window}).
     */
    static Instant refusedAfterBudget(ApiTarget target, Window window, Supplier<ApiResponse> call) {
        Instant sentAt = Instant.now();
        ApiResponse refused = call.get();
        Instant receivedAt = Instant.now();
        window.assumeJudgeable(refused);
        assertThat(refused).as("the call after the budget").isTooManyRequests(budget(target));
        return resetOf(refused, sentAt, receivedAt, target);
    }

    /**
     * Waits until a slot that X-RateLimit-Reset names is certainly free: one second past the moment
     * (the header counts whole seconds, CONTRACT.md section 7). A target whose slot is still taken
     * then has a defect.
     */
    static void awaitSlotFreed(Instant reset, ApiTarget target) {
        awaitMoment(reset.plus(WHOLE_SECOND), target);
    }

    /**
     * Waits for a moment named by the target's own clock (X-RateLimit-Reset), polling the clock:
     * never a guessed sleep. Bounded by the window, since no reset lies further ahead.
     */
    static void awaitMoment(Instant moment, ApiTarget target) {
        await("the moment " + moment + " (from X-RateLimit-Reset) to pass")
                .atMost(window(target).plus(RESET_MARGIN))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(moment));
    }

    static int budget(ApiTarget target) {
        return target.config().rateLimitBudget();
    }

    static Duration window(ApiTarget target) {
        return target.config().rateLimitWindow();
    }

    /**
     * Guards tests that expect a refusal: if the calls took longer than a window (a slow
     * target), the first ones may have left it, and a call that was not refused is no
     * evidence against the limit. A refusal is always evidence.
     */
    record Window(Instant openedAt, Duration length) {

        static Window open(ApiTarget target) {
            return new Window(Instant.now(), window(target));
        }

        void assumeJudgeable(ApiResponse expectedRefusal) {
            Duration spent = Duration.between(openedAt, Instant.now());
            Assumptions.assumeTrue(expectedRefusal.status() == 429 || spent.compareTo(length) < 0, () -> "Not judged: "
                    + expectedRefusal.request() + " answered " + expectedRefusal.status() + ", but the calls took "
                    + spent.toMillis() + " ms, longer than the " + length.toMillis() + " ms rate-limit window, so the "
                    + "first ones may have left it (the target or this machine is too slow for this check)");
        }
    }
}
