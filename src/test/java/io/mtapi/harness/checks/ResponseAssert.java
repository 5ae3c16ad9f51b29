package io.mtapi.harness.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.api.ApiResponse;
import org.assertj.core.api.AbstractAssert;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

    /** Stored password formats: bcrypt, argon2, PBKDF2 (Django/passlib), SHA-crypt. */
    private static final Pattern PASSWORD_HASH = Pattern.compile(
            "\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}|\\$argon2(id|i|d)\\$|pbkdf2[_:$]|^\\$[56]\\$[^$]+\\$");

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

    /**
     * 422 with the contract's validation body, and one of its items points at
     * {@code field}: its {@code loc} holds the name (e.g. {@code ["body", "email"]}), so
     * the request was refused for the reason under test, not for another one.
     */
    public ResponseAssert isValidationErrorFor(String field) {
        isValidationError();
        for (JsonNode item : actual.json().path("detail")) {
            for (JsonNode part : item.path("loc")) {
                if (field.equals(part.asText())) {
                    return this;
                }
            }
        }
        failWithMessage("expected a 422 whose detail points at '%s' (an item with '%s' in its loc), got another 422%n  %s",
                field, field, actual.describe());
        return this;
    }

    /**
     * The body carries no password and no password hash (CONTRACT.md section 3: a User
     * "never contains a password or a password hash"): no JSON key naming one, no value
     * shaped like a stored hash (bcrypt, argon2, PBKDF2, SHA-crypt), and none of the given
     * clear-text passwords anywhere in the raw body.
     */
    public ResponseAssert exposesNoPassword(String... knownPasswords) {
        isNotNull();
        String body = actual.body();
        for (String password : knownPasswords) {
            if (password != null && !password.isEmpty() && body.contains(password)) {
                // The password itself must not reach the report: say where, not what.
                failWithMessage("expected no password in the response, but it carries the account's clear-text password "
                        + "(%d characters) at offset %d%n  %s", password.length(), body.indexOf(password), actual.request());
            }
        }
        if (body.isBlank()) {
            return this;
        }
        List<String> findings = new ArrayList<>();
        scan(actual.json(), "$", findings);
        if (!findings.isEmpty()) {
            failWithMessage("expected no password or password hash in the response, found %s%n  %s",
                    String.join("; ", findings), actual.describe());
        }
        return this;
    }

    private static void scan(JsonNode node, String path, List<String> findings) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey().toLowerCase(Locale.ROOT);
                if (key.contains("password") || key.contains("hash")) {
                    findings.add("key '" + field.getKey() + "' at " + path);
                }
                scan(field.getValue(), path + "." + field.getKey(), findings);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), path + "[" + i + "]", findings);
            }
        } else if (node.isTextual() && PASSWORD_HASH.matcher(node.textValue()).find()) {
            findings.add("a value shaped like a password hash at " + path);
        }
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
