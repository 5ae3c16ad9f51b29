package io.mtapi.harness.http;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.qameta.allure.Allure;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import org.apache.http.NoHttpResponseException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.apache.http.conn.ConnectTimeoutException;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Retries with exponential backoff and jitter (Failsafe) for calls a flaky target failed
 * without answering them. Idempotent methods (GET, PUT, DELETE) are retried on connection
 * errors, timeouts, 502, 503 and 504. POST is never re-sent blindly: it is re-sent when the
 * request certainly was not processed (connection refused or not made, 503); when its answer
 * was lost (no response, reset, read timeout) the call's {@link Recovery} first checks what
 * the target did, after the backoff: applied, and the target's own representation stands in
 * for the lost answer; not applied, and the call is re-sent. A lost answer that no check
 * settles aborts the test ({@link TestAbortedException}): it is no verdict on the contract.
 * So does a 429 on an {@code /api/v1} budget the harness spent behind the test's back within
 * the window (a lost attempt the target may have counted, a recovery's check), unless the
 * calls the target answered fill that budget by themselves. Every retry and every recovery is
 * an Allure step and counted; when attempts run out, the last answer or error stands.
 *
 * <p>Carried in a specification as a pass-through filter, so every client built on that
 * specification finds it ({@link #of(RequestSpecification)}) without a global.
 */
public final class Retries implements OrderedFilter {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "PUT", "DELETE", "HEAD", "OPTIONS");

    /** CONTRACT.md section 7's budget and window, for clients that do not name their target's. */
    private static final int CONTRACT_RATE_LIMIT_BUDGET = 10;
    private static final Duration CONTRACT_RATE_LIMIT_WINDOW = Duration.ofSeconds(60);
    /** Between the target's 429 and its arrival here: the refused call's round trip, generously. */
    private static final Duration UNSEEN_SLOT_MARGIN = Duration.ofMillis(500);

    private final int attempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int rateLimitBudget;
    private final Duration rateLimitWindow;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    /** Set on a thread while a recovery's check runs: the calls it makes spend budgets the test does not see. */
    private final ThreadLocal<Boolean> checking = new ThreadLocal<>();
    private final LongAdder retries = new LongAdder();
    private final LongAdder recoveredPosts = new LongAdder();
    private final LongAdder adoptedPosts = new LongAdder();
    private final LongAdder lostAnswers = new LongAdder();

    public Retries(int attempts, Duration initialBackoff, Duration maxBackoff) {
        this(attempts, initialBackoff, maxBackoff, CONTRACT_RATE_LIMIT_BUDGET, CONTRACT_RATE_LIMIT_WINDOW);
    }

    /**
     * @param rateLimitBudget the target's rate-limit budget per user, method and path
     * @param rateLimitWindow the target's rate-limit window: how long a lost attempt may still hold a slot
     */
    public Retries(int attempts, Duration initialBackoff, Duration maxBackoff, int rateLimitBudget, Duration rateLimitWindow) {
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.rateLimitBudget = rateLimitBudget;
        this.rateLimitWindow = rateLimitWindow;
    }

    /** The retries a specification carries, if any. */
    public static Optional<Retries> of(RequestSpecification spec) {
        if (spec instanceof FilterableRequestSpecification filterable) {
            return filterable.getDefinedFilters().stream().filter(Retries.class::isInstance).map(Retries.class::cast).findFirst();
        }
        return Optional.empty();
    }

    /**
     * The answer to a call, and how it was recovered when its own answer was lost.
     *
     * @param recovered what the recovery found, when {@code response} is the target's representation adopted
     *                  in place of a lost answer; null when the response came over the wire
     */
    public record Sent(Response response, String recovered) {
    }

    /**
     * Sends with the retry policy of the method; {@code method} and the concrete {@code path} name the call
     * in steps and messages ("POST /api/v1/users"); {@code recovery} decides what to do when the answer was lost.
     *
     * @param authorization the Authorization header the call carries, or null: with method and path, the
     *                      rate-limit budget the call spends (CONTRACT.md section 7)
     */
    public Sent send(String method, String path, String authorization, Supplier<Response> call, Recovery recovery) {
        String description = method + " " + path;
        boolean idempotent = IDEMPOTENT.contains(method.toUpperCase(Locale.ROOT));
        boolean recoverable = idempotent || recovery != Recovery.NONE;
        Budget budget = authorization != null && path.startsWith("/api/v1/")
                ? budgets.computeIfAbsent(authorization + " " + description, key -> new Budget()) : null;
        Attempts tries = new Attempts(description, recovery, idempotent, budget);
        RetryPolicy<Response> policy = RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure != null
                        ? !(failure instanceof TestAbortedException) && (neverSent(failure) || recoverable && answerLost(failure))
                        : response != null && retryable(response.statusCode(), idempotent))
                .withBackoff(initialBackoff, maxBackoff)
                .withJitter(0.25)
                .withMaxAttempts(attempts)
                .onRetry(event -> {
                    retries.increment();
                    String cause = event.getLastException() != null ? event.getLastException().toString()
                            : "status " + event.getLastResult().statusCode();
                    step("Retry " + event.getAttemptCount() + " of " + (attempts - 1) + ": " + description
                            + " after " + cause);
                })
                .build();
        Response response;
        try {
            response = Failsafe.with(policy).get(context -> tries.attempt(context.getLastException(), call));
        } catch (RuntimeException e) {
            Throwable failure = e instanceof FailsafeException ? e.getCause() : e;
            if (failure instanceof TestAbortedException aborted) {
                throw aborted;
            }
            if (!idempotent && answerLost(failure)) {
                throw abort(description + ": " + how(failure) + " and " + (recoverable
                        ? "the attempts ran out before the target answered"
                        : "this call has no recovery: re-sending it could apply it twice"), failure);
            }
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(description + " failed: "
                    + failure, failure);
        }
        return tries.outcome(response);
    }

    /** The attempts of one call, and what its recoveries decided. */
    private final class Attempts {
        private final String description;
        private final Recovery recovery;
        private final boolean idempotent;
        private final Budget budget;
        private Recovery.Verdict verdict;
        private String how;

        /** @param budget the rate-limit budget the call spends; null for calls outside the rate limit */
        Attempts(String description, Recovery recovery, boolean idempotent, Budget budget) {
            this.description = description;
            this.recovery = recovery;
            this.idempotent = idempotent;
            this.budget = budget;
        }

        Response attempt(Throwable previous, Supplier<Response> call) {
            if (previous != null && answerLost(previous)) {
                how = how(previous);
                if (recovery != Recovery.NONE) {
                    verdict = checked();
                    if (verdict instanceof Recovery.Adopt adopt) {
                        return adopt.answer();
                    }
                    if (verdict instanceof Recovery.Lost) {
                        throw abort(description + ": " + how + " and " + verdict.finding()
                                + ", so it cannot be told whether the target applied it", previous);
                    }
                }
            }
            return budget == null ? call.get() : budget.spend(call);
        }

        /** Runs the check inside an Allure step named after what it found and what follows. */
        private Recovery.Verdict checked() {
            if (Allure.getLifecycle().getCurrentTestCaseOrStep().isEmpty()) {
                return check();
            }
            return Allure.step(how + " on " + description + "; checking", step -> {
                Recovery.Verdict found = check();
                step.name(how + " on " + description + "; " + found.finding() + "; " + (found instanceof Recovery.Adopt
                        ? "adopted the target's representation" : found instanceof Recovery.Resend ? "re-sent"
                        : "test aborted"));
                return found;
            });
        }

        private Recovery.Verdict check() {
            Boolean outer = checking.get(); // checks nest: a registration's check logs in, which has its own
            checking.set(true);
            try {
                return recovery.check();
            } catch (RuntimeException e) { // a nested abort included
                if (idempotent) {
                    return Recovery.resend("could not check (" + e.getMessage() + "); re-sending is safe for " + description);
                }
                throw e instanceof TestAbortedException aborted ? aborted
                        : abort(description + ": " + how + " and the check of what the target did failed: " + e, e);
            } finally {
                checking.set(outer);
            }
        }

        Sent outcome(Response response) {
            if (verdict instanceof Recovery.Adopt adopt && adopt.answer() == response) {
                countRecovered(true);
                return new Sent(response, adopt.finding());
            }
            if (verdict instanceof Recovery.Resend resend && resend.answerLost().test(response)) {
                throw abort(description + ": " + how + ", and the re-send was answered " + response.statusCode()
                        + ": " + resend.lostBecause(), null);
            }
            // A recovery's check deals with its own 429s; the rule is for the test's calls.
            if (budget != null && response.statusCode() == 429 && !Boolean.TRUE.equals(checking.get())
                    && budget.mayHaveRefusedForTheHarness()) {
                throw abort(description + ": answered 429 before the calls answered within the window filled the "
                        + "budget, on a rate-limit budget that the harness spent behind the test's back (an attempt "
                        + "whose answer was lost, counted by the target and re-sent, or a recovery's check), so the "
                        + "budget is no longer what the test counts on", null);
            }
            if (verdict != null) {
                countRecovered(false);
            }
            return new Sent(response, null);
        }

        private void countRecovered(boolean adopted) {
            if (!idempotent) {
                recoveredPosts.increment();
                if (adopted) {
                    adoptedPosts.increment();
                }
            }
        }
    }

    /**
     * One rate-limit budget (caller, method, concrete path) as the harness itself may spend it behind
     * the test's back: an attempt whose answer was lost may have been counted by the target and its
     * re-send is counted again, and a recovery's check spends the budgets of its GETs. For one window
     * the budget may then hold a slot the test does not know of, and a 429 on it says nothing about the
     * contract, unless the calls the target answered within the window fill the budget by themselves.
     */
    private final class Budget {
        private final AtomicInteger inFlight = new AtomicInteger();
        /** When the test's answered calls were sent: the target stamped each of them no earlier. */
        private final Deque<Long> admittedSentAt = new ConcurrentLinkedDeque<>();
        private volatile long spentUnseenAtNanos;
        private volatile boolean spentUnseen;

        Response spend(Supplier<Response> call) {
            boolean forACheck = Boolean.TRUE.equals(checking.get());
            long sentAt = System.nanoTime();
            inFlight.incrementAndGet();
            try {
                Response response = call.get();
                if (forACheck) {
                    spentUnseen(System.nanoTime());
                } else if (counted(response.statusCode())) {
                    admittedSentAt.add(sentAt);
                }
                return response;
            } catch (Exception e) { // REST Assured throws its I/O exceptions undeclared
                long failedAt = System.nanoTime();
                // Sent while the test's answered calls filled the budget, a target that keeps the contract
                // refused it without counting it; otherwise it may hold a slot nobody saw taken.
                if (answerLost(e) && admittedSince(failedAt - rateLimitWindow.toNanos()) < rateLimitBudget) {
                    spentUnseen(failedAt);
                }
                throw e;
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private void spentUnseen(long at) {
            spentUnseenAtNanos = at;
            spentUnseen = true;
        }

        /** Answered calls sent after {@code horizon}: stamped after it by the target, so counted at least until horizon + window. */
        private long admittedSince(long horizon) {
            return admittedSentAt.stream().filter(sentAt -> sentAt > horizon).count();
        }

        /**
         * Whether a 429 on this budget may be the harness's doing: the calls the target answered within
         * the window do not fill the budget, and the harness spent it unseen within the window. Attempts
         * still in flight (concurrent calls on the same budget) are waited for first: one of them may be
         * answered, or lose its answer.
         */
        boolean mayHaveRefusedForTheHarness() {
            try {
                Awaitility.await("the other attempts in flight on the same rate-limit budget to end")
                        .pollInSameThread().pollInterval(Duration.ofMillis(10)).atMost(rateLimitWindow)
                        .until(() -> inFlight.get() == 0);
            } catch (ConditionTimeoutException e) {
                return true; // still in flight after a whole window: a lost answer cannot be ruled out
            }
            long now = System.nanoTime();
            long window = rateLimitWindow.toNanos();
            admittedSentAt.removeIf(sentAt -> sentAt <= now - 2 * window); // long gone from any window
            if (admittedSince(now - window) >= rateLimitBudget) {
                return false;
            }
            // An unseen slot was stamped no later than it was noticed; it is held until a window after its stamp.
            return spentUnseen && now - spentUnseenAtNanos < window + UNSEEN_SLOT_MARGIN.toNanos();
        }
    }

    /** Answers the target counted against a budget: everything but refusals before or outside the limiter. */
    private static boolean counted(int status) {
        return status != 401 && status != 429 && status != 502 && status != 503 && status != 504;
    }

    private TestAbortedException abort(String why, Throwable cause) {
        lostAnswers.increment();
        String message = "Answer lost: " + why + ". Test aborted: this says nothing about the contract.";
        step(message);
        return new TestAbortedException(message, cause);
    }

    /** A report step, when there is a test or fixture to put it in (clean-up after a class has none). */
    private static void step(String name) {
        if (Allure.getLifecycle().getCurrentTestCaseOrStep().isPresent()) {
            Allure.step(name);
        }
    }

    private static boolean retryable(int status, boolean idempotent) {
        return status == 503 || idempotent && (status == 502 || status == 504);
    }

    /** The request never reached the target: safe to send again, whatever the method. */
    private static boolean neverSent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** The request went out and no answer came (no response, reset, read timeout): the target may have acted. */
    private static boolean answerLost(Throwable failure) {
        if (neverSent(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** "Connection dropped", "Read timed out", for steps and messages. */
    private static String how(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return "Read timed out";
            }
            if (cause instanceof NoHttpResponseException || cause instanceof SocketException) {
                return "Connection dropped (" + cause.getClass().getSimpleName() + ")";
            }
        }
        return "Answer lost (" + failure + ")";
    }

    /** Whether this thread is running a recovery's check: its calls are the harness's, not the test's. */
    public boolean checking() {
        return Boolean.TRUE.equals(checking.get());
    }

    /** Retries done so far in the run. */
    public long retries() {
        return retries.sum();
    }

    /** POSTs whose answer was lost and whose recovery settled them: the target's representation adopted, or re-sent after a check. */
    public long recoveredPosts() {
        return recoveredPosts.sum();
    }

    /** Of {@link #recoveredPosts()}, those the target had applied: its representation stood in for the lost answer. */
    public long adoptedPosts() {
        return adoptedPosts.sum();
    }

    /** Lost answers nothing could settle: each one a test aborted without a verdict. */
    public long lostAnswers() {
        return lostAnswers.sum();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        return context.next(request, response);
    }

    @Override
    public int getOrder() {
        return Integer.MIN_VALUE;
    }
}
