package io.mtapi.harness.checks;

import io.mtapi.harness.api.ApiResponse;
import org.assertj.core.api.AbstractAssert;

import java.util.List;

/**
 * Assertions on a response in the contract's words. Every failure names the call,
 * what the contract wanted and what came, with the (masked) body.
 *
 * <pre>{@code
 * assertThat(other.users().get(alice.id()))
 *         .as("tenant B read tenant A's user")
 *         .isNotFoundForOtherTenant();
 * }</pre>
 */
public final class ResponseAssert extends AbstractAssert<ResponseAssert, ApiResponse> {

    ResponseAssert(ApiResponse actual) {
        super(actual, ResponseAssert.class);
    }

    public ResponseAssert hasStatus(int expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("expected %d, got %d%n  %s", expected, actual.status(), actual.describe());
        }
        return this;
    }

    public ResponseAssert isOk() {
        return hasStatus(200);
    }

    public ResponseAssert isCreated() {
        return hasStatus(201);
    }

    public ResponseAssert isNoContent() {
        return hasStatus(204);
    }

    public ResponseAssert isConflict() {
        return hasStatus(409);
    }

    public ResponseAssert isForbidden() {
        return hasStatus(403);
    }

    /** 404: the contract answers another tenant's object exactly like an unknown id, never 403. */
    public ResponseAssert isNotFoundForOtherTenant() {
        isNotNull();
        if (actual.status() == 403) {
            failWithMessage("expected 404 (another tenant's object must look like an unknown id), got 403, "
                    + "which tells the caller the id exists elsewhere%n  %s", actual.describe());
        }
        return hasStatus(404);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}, as the contract requires of every rejected credential. */
    public ResponseAssert isUnauthorized() {
        hasStatus(401);
        String challenge = actual.header("WWW-Authenticate");
        if (challenge == null || !challenge.trim().toLowerCase().startsWith("bearer")) {
            failWithMessage("expected header WWW-Authenticate: Bearer on a 401, got %s%n  %s",
                    challenge == null ? "no such header" : "'" + challenge + "'", actual.describe());
        }
        return this;
    }

    /** 422 with the contract's validation body: {@code detail} a list of {loc, msg, type}. */
    public ResponseAssert isValidationError() {
        hasStatus(422);
        return matchesSchema("ValidationError");
    }

    /** The body validates against a schema of the contract document. */
    public ResponseAssert matchesSchema(String schemaName) {
        isNotNull();
        List<String> violations = ContractSchemas.get().violations(schemaName, actual.body());
        if (!violations.isEmpty()) {
            failWithMessage("expected a body matching the contract's %s schema, but: %s%n  %s",
                    schemaName, String.join("; ", violations), actual.describe());
        }
        return this;
    }

    /** The error body has a human-readable string {@code detail}. */
    public ResponseAssert hasErrorDetail() {
        matchesSchema("Error");
        return this;
    }

    /**
     * Not a 5xx: the contract has no input for which the target may break. Says which input
     * broke it, through {@code as(...)}.
     */
    public ResponseAssert isNotServerError() {
        isNotNull();
        if (actual.status() >= 500) {
            failWithMessage("expected the input to be answered, not to break the target: no call may answer 5xx, "
                    + "got %d%n  %s", actual.status(), actual.describe());
        }
        return this;
    }

    /**
     * A 4xx with the contract's error body ({@code detail}: a string, or the list of a 422):
     * the input was refused as the caller's mistake, neither accepted nor crashed on.
     */
    public ResponseAssert isClientError() {
        isNotServerError();
        if (actual.status() < 400 || actual.status() > 499) {
            failWithMessage("expected the input to be refused with a 4xx, got %d%n  %s", actual.status(),
                    actual.describe());
        }
        List<String> asString = ContractSchemas.get().violations("Error", actual.body());
        if (!asString.isEmpty() && !ContractSchemas.get().violations("ValidationError", actual.body()).isEmpty()) {
            failWithMessage("expected the contract's error body with a detail on a %d, but: %s%n  %s", actual.status(),
                    String.join("; ", asString), actual.describe());
        }
        return this;
    }

    /** 429 with a {@code detail} and {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0}, {@code X-RateLimit-Reset}. */
    public ResponseAssert isTooManyRequests(int budget) {
        hasStatus(429).hasErrorDetail();
        String limit = actual.header("X-RateLimit-Limit");
        if (!String.valueOf(budget).equals(limit == null ? null : limit.trim())) {
            failWithMessage("expected header X-RateLimit-Limit: %d (the budget) on a 429, got %s%n  %s", budget,
                    limit == null ? "no such header" : "'" + limit + "'", actual.describe());
        }
        String remaining = actual.header("X-RateLimit-Remaining");
        if (!"0".equals(remaining == null ? null : remaining.trim())) {
            failWithMessage("expected header X-RateLimit-Remaining: 0 on a 429, got %s%n  %s",
                    remaining == null ? "no such header" : "'" + remaining + "'", actual.describe());
        }
        String reset = actual.header("X-RateLimit-Reset");
        if (reset == null || !reset.trim().matches("\\d+")) {
            failWithMessage("expected header X-RateLimit-Reset with epoch seconds on a 429, got %s%n  %s",
                    reset == null ? "no such header" : "'" + reset + "'", actual.describe());
        }
        return this;
    }

    public ResponseAssert hasHeader(String name) {
        isNotNull();
        if (actual.header(name) == null) {
            failWithMessage("expected header %s, it is missing%n  %s", name, actual.describe());
        }
        return this;
    }
}
