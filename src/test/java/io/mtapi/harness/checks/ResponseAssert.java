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

    /** Anything but a 2xx: for calls that must not succeed (undocumented paths, writes a role may not make). */
    public ResponseAssert isNotSuccessful() {
        isNotNull();
        if (actual.status() / 100 == 2) {
            failWithMessage("expected the call not to succeed (no 2xx), got %d%n  %s", actual.status(), actual.describe());
        }
        return this;
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

    public ResponseAssert hasHeader(String name) {
        isNotNull();
        if (actual.header(name) == null) {
            failWithMessage("expected header %s, it is missing%n  %s", name, actual.describe());
        }
        return this;
    }
}
