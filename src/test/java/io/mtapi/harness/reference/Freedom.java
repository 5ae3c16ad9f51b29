package io.mtapi.harness.reference;

import java.util.Set;

/**
 * The freedom catalogue: behaviours a correct deployment may show where the contract or HTTP
 * leaves a choice (CONTRACT.md section 7a, "Token trust"). Each constant is one such choice in the
 * reference target, switched on per instance through {@link ReferenceSettings#freedoms()}
 * ({@code reference.freedoms}), plus the tag of the suite most likely to cry wolf on it, and the
 * contract-gap checks it provokes by design (findings the contract leaves to each environment).
 * The freedom matrix runs every suite with each one on: no test may fail. Grouped by tag.
 */
public enum Freedom {
    // --- auth ---
    DETAIL_AS_CODE("auth", "every error detail is a machine code (admin_access_required) instead of the contract's sentence"),
    WWW_AUTHENTICATE_WITH_PARAMETERS("auth", "401s challenge with WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\""),
    TOKENS_WITH_EXTRA_CLAIMS("auth", "access and refresh tokens also carry iss, aud, sub and nbf claims"),

    // --- users ---
    EXTRA_FIELDS("users", "every JSON object, error bodies and list items included, carries a field the contract does not list"),
    ADMIN_WITHOUT_FULL_NAME("users", "the admin that registration creates has full_name null"),
    EMPTY_BULK_REFUSED("users", "POST /api/v1/users/bulk with an empty array answers 422"),
    UNKNOWN_FIELDS_REFUSED("users", "a user body with a field it does not define (tenant_id, is_active, role on update) is refused with 422"),
    REPEATED_DELETE_404("users", "DELETE /api/v1/users/{id} of a user already deactivated answers 404"),
    TIMESTAMPS_WITH_NUMERIC_OFFSET("users", "timestamps end in +00:00 instead of Z"),

    // --- tenant_isolation ---
    SIGNED_CLAIMS_TRUSTED("tenant_isolation", "user_id, tenant_id and role come from the token it signed, without reading the store again "
            + "(stateless JWT; logout and deactivation still end access)",
            "signedTenantClaimChecked", "signedRoleClaimChecked", "signedUserClaimChecked"),
    IDS_NOT_UUIDS("tenant_isolation", "ids are prefixed opaque strings (usr_..., ten_..., fil_...), not UUIDs"),
    ERROR_REQUEST_ID("tenant_isolation", "every error body carries a request_id of its own"),

    // --- files ---
    EMPTY_FILE_REFUSED("files", "an upload of zero bytes answers 422"),
    TEXT_DOWNLOAD_WITH_CHARSET("files", "text downloads carry Content-Type with charset=utf-8 (text/plain; charset=utf-8)"),
    FILENAME_STAR_ALWAYS("files", "Content-Disposition carries filename* (RFC 5987) beside filename for every name"),
    CHUNKED_BODIES("files", "every body is sent chunked (Transfer-Encoding: chunked, no Content-Length)"),

    // --- pagination ---
    PAGE_SIZE_CLAMPED("pagination", "page_size over the maximum is clamped to the maximum, which the page reports"),
    LISTINGS_NEWEST_FIRST("pagination", "user, file and tenant listings are ordered newest first"),

    // --- rate_limit ---
    RATE_LIMIT_HEADERS_ON_EVERY_ANSWER("rate_limit", "every /api/v1 answer carries X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset"),
    RATE_LIMIT_HEADERS_ONLY_ON_429("rate_limit", "only 429 answers carry X-RateLimit-* headers"),
    RATE_LIMIT_RESET_ROUNDED_DOWN("rate_limit", "X-RateLimit-Reset names the whole second before the slot frees, which is up to a second later"),
    RATE_LIMIT_FIXED_WINDOW("rate_limit", "a budget is a counter from its first call that resets one window later (fixed window), not a sliding log"),

    // --- rbac ---
    STATS_COUNT_ACTIVE_USERS("rbac", "GET /api/v1/admin/stats counts active users only"),

    // --- concurrency ---
    PASSWORDS_HASHED_ONE_AT_A_TIME("concurrency", "password hashes are computed one at a time, at least 15 ms each (a slow single-threaded hasher)"),
    BULK_ANSWER_IN_ANOTHER_ORDER("concurrency", "POST /api/v1/users/bulk answers its users in another order than they were sent"),

    // --- robustness ---
    CONNECTION_CLOSE("robustness", "every answer carries Connection: close, and the server closes the connection"),
    GZIP_WHEN_ASKED("robustness", "bodies are gzip-compressed whenever the request accepts gzip"),
    JSON_PRETTY_PRINTED("robustness", "JSON answers are indented, with Content-Type application/json; charset=utf-8"),
    VALIDATION_ITEMS_WITH_CONTEXT("robustness", "422 items also carry input, ctx and url, as pydantic 2 adds"),
    TRAILING_SLASH_REDIRECTED("robustness", "a path with a trailing slash is redirected (307) to the path without it, as FastAPI does"),
    UPGRADE_REQUESTS_REFUSED("robustness", "a request asking for a protocol upgrade (Upgrade: h2c) answers 400, as uvicorn 0.17 does"),

    // --- security ---
    HEAD_ANSWERED_405("security", "HEAD on a GET route answers 405"),
    CORS_ANY_ORIGIN_WITHOUT_CREDENTIALS("security", "CORS allows any origin (*) without credentials, and answers preflights 204");

    private final String tag;
    private final String description;
    private final Set<String> provokes;

    Freedom(String tag, String description, String... provokes) {
        this.tag = tag;
        this.description = description;
        this.provokes = Set.of(provokes);
    }

    /** The JUnit tag of the suite most likely to fail a deployment for this choice. */
    public String tag() {
        return tag;
    }

    /** One line: what the target does when this freedom is on. */
    public String description() {
        return description;
    }

    /**
     * The {@code gaps} keys whose contract-gap checks this freedom fails on purpose: the contract leaves
     * those findings to each environment (e.g. a check whose attack needs the signing secret).
     */
    public Set<String> provokes() {
        return provokes;
    }
}
