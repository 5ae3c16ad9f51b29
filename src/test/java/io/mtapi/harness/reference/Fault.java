package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it. Empty until the fault catalogue is written.
 */
public enum Fault {
    // --- rate_limit ---
    RATE_LIMIT_OFF_BY_ONE("rate_limit", "the limiter admits while the count is <= the budget, so budget + 1 calls pass per window"),
    RATE_LIMIT_KEYED_PER_TENANT("rate_limit", "the rate-limit key takes the tenant id instead of the user id, so users of a tenant share one budget"),
    RATE_LIMIT_KEYED_PER_TOKEN("rate_limit", "the rate-limit key takes the bearer token instead of the user, so logging in again buys a fresh budget"),
    RATE_LIMIT_KEYED_BY_ROUTE("rate_limit", "the rate-limit key takes the route template (/api/v1/users/{id}), so every id of an endpoint shares one budget"),
    RATE_LIMIT_KEYED_WITHOUT_METHOD("rate_limit", "the rate-limit key leaves out the method, so GET and PUT of one path share one budget"),
    RATE_LIMIT_QUERY_STRING_IN_KEY("rate_limit", "the rate-limit key takes the full URL with its query string, so ?page=2 buys a fresh budget"),
    RATE_LIMIT_RESET_IN_MILLIS("rate_limit", "X-RateLimit-Reset carries epoch milliseconds (currentTimeMillis arithmetic, never converted to seconds)"),
    RATE_LIMIT_NEVER_RESETS("rate_limit", "expired calls are pruned only when a call is admitted, so a spent budget never frees again"),
    RATE_LIMIT_REFUSED_CALLS_COUNT("rate_limit", "a refused (429) call is logged like an admitted one, so a client that retries stays locked out"),
    // --- concurrency ---
    CONCURRENCY_USERNAME_CHECK_NOT_ATOMIC("concurrency", "user creation trusts the uniqueness pre-check made before the slow password hash and inserts without re-checking under the lock"),
    CONCURRENCY_BULK_NOT_ATOMIC("concurrency", "bulk creation inserts one user at a time, so a bulk that loses a race to a concurrent one leaves its first users created"),
    CONCURRENCY_LOST_UPDATE("concurrency", "PUT /api/v1/users/{id} reads the user before taking the lock and writes the merged copy back, losing concurrent changes"),
    CONCURRENCY_UPLOAD_SHARED_BUFFER("concurrency", "uploads are read into one reusable buffer held by the handler, so concurrent uploads store each other's bytes"),
    // --- robustness ---
    ROBUSTNESS_MALFORMED_JSON_500("robustness", "POST /api/v1/users parses its body with a bare readTree, so a body that is not JSON answers 500 instead of 422"),
    ROBUSTNESS_WRONG_TYPE_500("robustness", "user creation casts the username to a string to trim it before validation, so a number there answers 500 (ClassCastException)"),
    ROBUSTNESS_LONG_ID_500("robustness", "a user id longer than the id column reaches the lookup and the storage error escapes: 500 instead of 404"),
    ROBUSTNESS_UNKNOWN_METHOD_404_NOT_405("robustness", "the router answers an unsupported method on a known path with 404 instead of 405"),
    ;

    private final String tag;
    private final String description;

    Fault(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    /** The JUnit tag of the suite that must fail when this fault is on. */
    public String tag() {
        return tag;
    }

    /** One line: what is wrong in the target when this fault is on. */
    public String description() {
        return description;
    }
}
