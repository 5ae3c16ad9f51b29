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

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Retries with exponential backoff and jitter (Failsafe) for calls a flaky target failed
 * without answering them. Idempotent methods (GET, PUT, DELETE) are retried on connection
 * errors, timeouts, 502, 503 and 504. POST is never retried blindly: only when the request
 * certainly was not processed, i.e. the connection was refused or the target said 503.
 * Every retry is an Allure step and counted; when attempts run out, the last answer or
 * error stands.
 *
 * <p>Carried in a specification as a pass-through filter, so every client built on that
 * specification finds it ({@link #of(RequestSpecification)}) without a global.
 */
public final class Retries implements OrderedFilter {

    private static final Set<String> IDEMPOTENT = Set.of("GET", "PUT", "DELETE", "HEAD", "OPTIONS");

    private final int attempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final LongAdder retries = new LongAdder();

    public Retries(int attempts, Duration initialBackoff, Duration maxBackoff) {
        this.attempts = attempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** The retries a specification carries, if any. */
    public static Optional<Retries> of(RequestSpecification spec) {
        if (spec instanceof FilterableRequestSpecification filterable) {
            return filterable.getDefinedFilters().stream().filter(Retries.class::isInstance).map(Retries.class::cast).findFirst();
        }
        return Optional.empty();
    }

    /** Sends with the retry policy of the method; {@code description} names the call in steps and messages. */
    public Response send(String method, String description, Supplier<Response> call) {
        boolean idempotent = IDEMPOTENT.contains(method.toUpperCase());
        RetryPolicy<Response> policy = RetryPolicy.<Response>builder()
                .handleIf((response, failure) -> failure != null ? retryable(failure, idempotent)
                        : response != null && retryable(response.statusCode(), idempotent))
                .withBackoff(initialBackoff, maxBackoff)
                .withJitter(0.25)
                .withMaxAttempts(attempts)
                .onRetry(event -> {
                    retries.increment();
                    String cause = event.getLastException() != null ? event.getLastException().toString()
                            : "status " + event.getLastResult().statusCode();
                    Allure.step("Retry " + event.getAttemptCount() + " of " + (attempts - 1) + ": " + description
                            + " after " + cause);
                })
                .build();
        try {
            return Failsafe.with(policy).get(call::get);
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(description + " failed: "
                    + e.getCause(), e.getCause());
        }
    }

    private static boolean retryable(int status, boolean idempotent) {
        return status == 503 || idempotent && (status == 502 || status == 504);
    }

    private static boolean retryable(Throwable failure, boolean idempotent) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true; // never reached the target: safe for every method
            }
            if (idempotent && cause instanceof IOException) {
                return true; // reset, timeout, no response
            }
        }
        return false;
    }

    /** Retries done so far in the run. */
    public long retries() {
        return retries.sum();
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
