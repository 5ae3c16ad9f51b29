package io.mtapi.harness.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.http.Masking;
import org.assertj.core.api.AbstractAssert;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Assertions on a response in the contract's words. A failure's first line is a stable claim: the
 * call as the contract names it ({@code GET /api/v1/users/{user_id}}), what the contract wants and,
 * where short, "(expected 404, got 200)"; ids, names and the (masked) body follow on the next lines,
 * so the report groups every run of the same defect together.
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
            failWithMessage("%s (expected %d, got %d)%n  %s", actual.call(), expected, actual.status(), actual.describe());
        }
        return this;
    }

    /**
     * The status, judged under a claim that holds for every call of a parameterized test: the failure's first line
     * is the claim and the outcome, the call follows it, so every case that meets one defect reads one headline.
     *
     * <pre>{@code
     * assertThat(response).hasStatus(405, "a method a documented path does not support answers 405");
     * }</pre>
     */
    public ResponseAssert hasStatus(int expected, String claim) {
        isNotNull();
        if (actual.status() != expected) {
            failWithMessage("%s (expected %d, got %d)%n  call: %s%n  %s", claim, expected, actual.status(), actual.call(),
                    actual.describe());
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
            failWithMessage("%s must not succeed (expected no 2xx, got %d)%n  %s", actual.call(), actual.status(), actual.describe());
        }
        return this;
    }

    /** 404: the contract answers another tenant's object exactly like an unknown id, never 403. */
    public ResponseAssert isNotFoundForOtherTenant() {
        isNotNull();
        if (actual.status() == 403) {
            failWithMessage("%s: another tenant's object must look like an unknown id, a 403 confirms that it exists "
                    + "(expected 404, got 403)%n  %s", actual.call(), actual.describe());
        }
        return hasStatus(404);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}, as the contract requires of every rejected credential. */
    public ResponseAssert isUnauthorized() {
        hasStatus(401);
        String challenge = actual.header("WWW-Authenticate");
        if (challenge == null || !challenge.trim().toLowerCase().startsWith("bearer")) {
            failWithMessage("%s: a 401 must carry WWW-Authenticate: Bearer (%s)%n  got %s%n  %s", actual.call(),
                    challenge == null ? "header missing" : "another challenge",
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
        failWithMessage("%s: the 422 must point at '%s' in its detail (an item with '%s' in its loc), it blames another "
                + "field%n  %s", actual.call(), field, field, actual.describe());
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
                failWithMessage("%s: the answer carries the account's clear-text password%n  %d characters at offset %d "
                        + "of %s", actual.call(), password.length(), body.indexOf(password), actual.request());
            }
        }
        if (body.isBlank()) {
            return this;
        }
        List<String> findings = new ArrayList<>();
        scan(actual.json(), "$", findings);
        if (!findings.isEmpty()) {
            failWithMessage("%s: the answer carries a password or a password hash%n  found %s%n  %s", actual.call(),
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
            failWithMessage("%s: the body breaks the contract's %s schema%n  %s%n  %s", actual.call(),
                    schemaName, String.join("\n  ", violations), actual.describe());
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
            failWithMessage("%s: no input may break the target (expected no 5xx, got %d)%n  %s", actual.call(),
                    actual.status(), actual.describe());
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
            failWithMessage("%s: the input must be refused as the caller's mistake (expected a 4xx, got %d)%n  %s",
                    actual.call(), actual.status(), actual.describe());
        }
        List<String> asString = ContractSchemas.get().violations("Error", actual.body());
        if (!asString.isEmpty() && !ContractSchemas.get().violations("ValidationError", actual.body()).isEmpty()) {
            failWithMessage("%s: a %d must carry the contract's error body with a detail%n  %s%n  %s", actual.call(),
                    actual.status(), String.join("; ", asString), actual.describe());
        }
        return this;
    }

    /** 429 with a {@code detail} and {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0}, {@code X-RateLimit-Reset}. */
    public ResponseAssert isTooManyRequests(int budget) {
        hasStatus(429).hasErrorDetail();
        String limit = actual.header("X-RateLimit-Limit");
        if (!String.valueOf(budget).equals(limit == null ? null : limit.trim())) {
            failWithMessage("%s: a 429 must carry X-RateLimit-Limit with the budget (expected %d, got %s)%n  %s",
                    actual.call(), budget, limit == null ? "no such header" : "'" + limit + "'", actual.describe());
        }
        String remaining = actual.header("X-RateLimit-Remaining");
        if (!"0".equals(remaining == null ? null : remaining.trim())) {
            failWithMessage("%s: a 429 must carry X-RateLimit-Remaining: 0 (got %s)%n  %s", actual.call(),
                    remaining == null ? "no such header" : "'" + remaining + "'", actual.describe());
        }
        String reset = actual.header("X-RateLimit-Reset");
        if (reset == null || !reset.trim().matches("\\d+")) {
            failWithMessage("%s: a 429 must carry X-RateLimit-Reset in epoch seconds (%s)%n  got %s%n  %s", actual.call(),
                    reset == null ? "header missing" : "not whole seconds",
                    reset == null ? "no such header" : "'" + reset + "'", actual.describe());
        }
        return this;
    }

    public ResponseAssert hasHeader(String name) {
        isNotNull();
        if (actual.header(name) == null) {
            failWithMessage("%s: header %s is missing%n  %s", actual.call(), name, actual.describe());
        }
        return this;
    }

    /** One of the statuses the contract allows here, e.g. 401 or 404 where it leaves the choice open. */
    public ResponseAssert hasStatusIn(int... allowed) {
        isNotNull();
        if (Arrays.stream(allowed).noneMatch(status -> status == actual.status())) {
            failWithMessage("%s (expected one of %s, got %d)%n  %s", actual.call(), Arrays.toString(allowed),
                    actual.status(), actual.describe());
        }
        return this;
    }

    /** 201, or a 4xx rejection: a target may refuse odd input, but must never break on it (5xx). */
    public ResponseAssert isCreatedOrClientError() {
        isNotNull();
        if (actual.status() != 201 && actual.status() / 100 != 4) {
            failWithMessage("%s: odd input may be refused but must never break the target (expected 201 or a 4xx, "
                    + "got %d)%n  %s", actual.call(), actual.status(), actual.describe());
        }
        return this;
    }

    /** A download byte-identical to what was uploaded: same length, same SHA-256. */
    public ResponseAssert hasContentOf(SampleFile uploaded) {
        isNotNull();
        byte[] body = actual.bytes();
        String digest = SampleFile.sha256(body);
        if (body.length != uploaded.size() || !digest.equals(uploaded.sha256())) {
            failWithMessage("%s: a download must be byte-identical to the upload%n  expected %s (%d bytes, sha256 %s), "
                    + "got %d bytes (sha256 %s)%n  %s", actual.call(), uploaded, uploaded.size(), uploaded.sha256(),
                    body.length, digest, actual.request() + " -> " + actual.status());
        }
        return this;
    }

    /**
     * {@code Content-Type} names the expected media type (type/subtype, case-insensitive).
     * A {@code charset} parameter is tolerated: frameworks add one to text types (Starlette
     * does) and it leaves the bytes alone, which {@link #hasContentOf} checks. Any other
     * parameter is something the target made up and is reported.
     */
    public ResponseAssert hasMediaType(String expected) {
        isNotNull();
        String contentType = actual.header("Content-Type");
        if (contentType == null) {
            failWithMessage("%s: Content-Type must be the stored type (header missing)%n  expected %s%n  %s",
                    actual.call(), expected, actual.request() + " -> " + actual.status());
        }
        if (!MediaTypes.essence(contentType).equals(MediaTypes.essence(expected))) {
            failWithMessage("%s: Content-Type must be the stored type (another type)%n  expected %s, got '%s'%n  %s",
                    actual.call(), expected, contentType, actual.request() + " -> " + actual.status());
        }
        var added = new java.util.LinkedHashMap<>(MediaTypes.parameters(contentType));
        added.keySet().removeAll(MediaTypes.parameters(expected).keySet());
        added.remove("charset");
        if (!added.isEmpty()) {
            failWithMessage("%s: Content-Type must be the stored type; only a charset parameter may be added (other "
                    + "parameters)%n  expected %s, got '%s' with parameters %s%n  %s", actual.call(), expected, contentType,
                    added.keySet(), actual.request() + " -> " + actual.status());
        }
        return this;
    }

    /**
     * {@code Content-Disposition: attachment; filename="..."} naming the file, sent once and
     * well-formed: quotes in the name escaped, no CR/LF, no repeated parameter (a name put
     * into the header unescaped shows as one of these). A non-ASCII name may be given in
     * {@code filename*} (RFC 6266) with an ASCII fallback in {@code filename}.
     */
    public ResponseAssert isAttachmentNamed(String filename) {
        isNotNull();
        List<String> values = actual.raw().headers().getValues("Content-Disposition");
        if (values.isEmpty()) {
            failWithMessage("%s: a download must carry Content-Disposition: attachment naming the file (header "
                    + "missing)%n  expected filename \"%s\"%n  %s", actual.call(), filename,
                    actual.request() + " -> " + actual.status());
        }
        if (values.size() > 1) {
            failWithMessage("%s: a download must carry one Content-Disposition header; a file name must not be able to "
                    + "add headers (sent more than once)%n  got %d: %s%n  %s", actual.call(), values.size(), values,
                    actual.request() + " -> " + actual.status());
        }
        ContentDisposition disposition;
        try {
            disposition = ContentDisposition.parse(values.get(0));
        } catch (IllegalArgumentException e) {
            failWithMessage("%s: Content-Disposition must be well-formed, the file name quoted and escaped (does not "
                    + "parse)%n  expected filename \"%s\", got '%s': %s%n  %s", actual.call(), filename, values.get(0),
                    e.getMessage(), actual.request() + " -> " + actual.status());
            return this;
        }
        if (!disposition.type().equals("attachment")) {
            failWithMessage("%s: a download must be Content-Disposition: attachment, never rendered inline (another "
                    + "type)%n  got '%s'%n  %s", actual.call(), values.get(0), actual.request() + " -> " + actual.status());
        }
        Optional<String> plain = disposition.filename();
        Optional<String> extended;
        try {
            extended = disposition.extendedFilename();
        } catch (IllegalArgumentException e) {
            failWithMessage("%s: Content-Disposition must name the file (broken filename*)%n  expected '%s', got '%s': "
                    + "%s%n  %s", actual.call(), filename, values.get(0), e.getMessage(),
                    actual.request() + " -> " + actual.status());
            return this;
        }
        boolean named = extended.map(filename::equals).orElse(false)
                || plain.map(name -> name.equals(filename) || asUtf8(name).equals(filename)).orElse(false);
        if (plain.isEmpty() || !named) {
            failWithMessage("%s: Content-Disposition must name the uploaded file (or give an ASCII fallback plus "
                    + "filename*=UTF-8''...) (another name)%n  expected \"%s\", got '%s'%n  %s", actual.call(), filename,
                    values.get(0), actual.request() + " -> " + actual.status());
        }
        return this;
    }

    /**
     * Answered exactly like another response (same status, same body once each request's
     * id is set aside): for another tenant's id against an unknown one, so the answer
     * tells the caller nothing about what exists elsewhere.
     */
    public ResponseAssert answersLike(ApiResponse unknown, String id, String unknownId) {
        isNotNull();
        String body = actual.body().replace(id, "{id}");
        String expectedBody = unknown.body().replace(unknownId, "{id}");
        if (actual.status() != unknown.status() || !body.equals(expectedBody)) {
            failWithMessage("%s: another tenant's id must be answered exactly like an unknown id; the difference tells "
                    + "the caller that the id exists elsewhere%n  unknown id: %d %s%n  other tenant's id: %d %s%n  %s%n  %s",
                    actual.call(), unknown.status(), Masking.text(expectedBody), actual.status(), Masking.text(body),
                    actual.describe(), unknown.describe());
        }
        return this;
    }

    /**
     * Answered exactly like an id that exists nowhere, telling the caller nothing more: the same status, and
     * the same body once each request's own id is set aside, and so is whatever differs between two ids that
     * exist nowhere (a request id, a timestamp: per-answer noise, not knowledge). For another tenant's id.
     *
     * <pre>{@code
     * assertThat(forOtherTenant).as("tenant B on tenant A's user").answersLikeUnknownIds(victimId,
     *         unknown, unknownId, secondUnknown, secondUnknownId);
     * }</pre>
     */
    public ResponseAssert answersLikeUnknownIds(String id, ApiResponse unknown, String unknownId,
                                                ApiResponse secondUnknown, String secondUnknownId) {
        isNotNull();
        JsonNode expected = masked(unknown, unknownId);
        JsonNode noise = masked(secondUnknown, secondUnknownId);
        JsonNode got = masked(actual, id);
        if (actual.status() != unknown.status() || !withoutNoise(got, expected, noise).equals(withoutNoise(expected, expected, noise))) {
            failWithMessage("expected the same answer as for an id that exists nowhere (%d): the difference tells the "
                    + "caller that the id exists elsewhere, got %d%n  %s%n  %s", unknown.status(), actual.status(),
                    actual.describe(), unknown.describe());
        }
        return this;
    }

    /** The body as JSON with the request's own id replaced, or its text as a JSON string when it is no JSON. */
    private static JsonNode masked(ApiResponse response, String id) {
        String body = response.body().replace(id, "{id}");
        try {
            JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            return tree == null ? com.fasterxml.jackson.databind.node.TextNode.valueOf(body) : tree;
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(body);
        }
    }

    /** {@code node} with every object field whose value differs between {@code reference} and {@code noise} removed. */
    private static JsonNode withoutNoise(JsonNode node, JsonNode reference, JsonNode noise) {
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) || !reference.isObject()) {
            return node;
        }
        var kept = object.deepCopy();
        reference.properties().forEach(field -> {
            JsonNode other = noise.get(field.getKey());
            if (other == null || !other.equals(field.getValue())) {
                kept.remove(field.getKey());
            } else if (field.getValue().isObject()) {
                JsonNode child = kept.get(field.getKey());
                if (child != null) kept.set(field.getKey(), withoutNoise(child, field.getValue(), other));
            }
        });
        return kept;
    }

    /** A header read as ISO-8859-1 that was really UTF-8 on the wire: what browsers do with raw UTF-8 names. */
    private static String asUtf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
