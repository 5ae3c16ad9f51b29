package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it. Grouped by that tag.
 */
public enum Fault {
    // --- files ---
    FILES_SIZE_LIMIT_OFF_BY_ONE("files", "upload compares size >= limit, so a file of exactly the limit is refused with 413"),
    FILES_TYPE_CHECKED_BY_MAJOR_TYPE("files", "upload allows any type whose major type is allowed (image/*, text/*), so text/html and image/svg+xml pass"),
    FILES_OVERSIZED_UPLOAD_KEPT("files", "upload writes the file to storage before the size check and answers 413 without removing it"),
    FILES_MISSING_PART_500("files", "upload dereferences the missing 'file' part and answers 500 instead of 422"),
    FILES_FILENAME_PATH_KEPT("files", "upload stores the submitted file name as is, directory parts such as ../../ included"),
    FILES_DOWNLOAD_THROUGH_STRING("files", "download passes the bytes through a UTF-8 String, corrupting binary files such as images"),
    FILES_DOWNLOAD_INLINE("files", "download answers Content-Disposition: inline, so browsers render uploaded files instead of saving them"),
    FILES_LIST_NOT_TENANT_SCOPED("files", "GET /files lists the files of every tenant"),
    FILES_DELETE_KEEPS_CONTENT("files", "DELETE /files/{id} hides the file from the listing but leaves it downloadable"),

    // --- tenant_isolation ---
    ISOLATION_USER_GET_NO_TENANT_FILTER("tenant_isolation", "GET /users/{id} looks the id up without the tenant filter"),
    ISOLATION_USER_PUT_NO_TENANT_FILTER("tenant_isolation", "PUT /users/{id} looks the id up without the tenant filter"),
    ISOLATION_USER_DELETE_NO_TENANT_FILTER("tenant_isolation", "DELETE /users/{id} looks the id up without the tenant filter"),
    ISOLATION_FILE_DOWNLOAD_NO_TENANT_FILTER("tenant_isolation", "GET /files/{id} looks the id up without the tenant filter"),
    ISOLATION_FILE_DELETE_NO_TENANT_FILTER("tenant_isolation", "DELETE /files/{id} looks the id up without the tenant filter"),
    ISOLATION_OTHER_TENANT_403("tenant_isolation", "another tenant's user or file is answered 403 instead of 404, confirming that the id exists"),
    ISOLATION_OTHER_TENANT_DISTINCT_404("tenant_isolation", "another tenant's user is answered 404 with its own message, unlike an unknown id"),
    ISOLATION_USER_COUNT_ALL_TENANTS("tenant_isolation", "GET /users counts total_count over every tenant while listing the caller's users"),
    ISOLATION_CREATE_USER_TAKES_BODY_TENANT("tenant_isolation", "POST /users honours a tenant_id in the body (mass assignment)"),
    ISOLATION_BULK_TAKES_ITEM_TENANT("tenant_isolation", "POST /users/bulk honours a tenant_id in each item (mass assignment of the bulk import), single creation does not"),

    // --- users ---
    USERS_LIST_INCLUDES_INACTIVE("users", "GET /api/v1/users defaults active_only to false, so soft-deleted users are listed"),
    USERS_FULL_NAME_MAX_NOT_ENFORCED("users", "POST /api/v1/users validates full_name's minimum length but not its maximum of 100"),
    USERS_USERNAME_UNIQUE_PER_TENANT("users", "username uniqueness is checked inside the caller's tenant only, not system-wide"),
    USERS_EMAIL_UNIQUENESS_CASE_SENSITIVE("users", "emails are indexed as sent, so a letter-case variant of a taken email is accepted"),
    USERS_BULK_LIMIT_NOT_ENFORCED("users", "POST /api/v1/users/bulk creates any number of items, the 50-item limit is never checked"),
    USERS_BULK_PARTIAL_CREATE_ON_CONFLICT("users", "POST /api/v1/users/bulk inserts item by item without a transaction: items before a conflicting one stay created"),
    USERS_RESPONSE_LEAKS_PASSWORD_HASH("users", "GET /api/v1/users/{id} serialises the stored row, hashed_password included"),
    USERS_UPDATED_AT_NOT_ADVANCED("users", "PUT /api/v1/users/{id} stores the change but keeps the old updated_at"),
    USERS_PUT_ALLOWS_ROLE_CHANGE("users", "PUT /api/v1/users/{id} also applies a role sent in the body (mass assignment, privilege escalation)"),
    USERS_DELETE_IS_HARD_DELETE("users", "DELETE /api/v1/users/{id} removes the user instead of setting is_active false"),
    // --- pagination ---
    PAGINATION_HAS_NEXT_OFF_BY_ONE("pagination", "has_next is computed as page * page_size <= total_count, true on a full last page"),
    PAGINATION_TOTAL_COUNT_IS_PAGE_SIZE("pagination", "total_count reports the number of items on the page, not in the whole listing"),
    PAGINATION_PAGE_SIZE_UNBOUNDED("pagination", "page_size has no upper bound: any size is served and reported"),
    PAGINATION_PAGE_BELOW_ONE_SERVED("pagination", "page 0 or a negative page is served as page 1 instead of being refused with 422"),
    PAGINATION_FILES_OFFSET_IGNORED("pagination", "GET /api/v1/files applies page_size but not the page offset: every page repeats the first"),

    // --- security ---
    SECURITY_STACK_TRACE_IN_ERRORS("security",
            "error answers carry the cause's exception text and stack frames (debug rendering left on)"),
    SECURITY_UNDOCUMENTED_DEBUG_ENDPOINT("security",
            "a debug route left in: GET /api/v1/debug/users lists every tenant's users (and the live /openapi.json lists it)"),
    SECURITY_TOKEN_IN_QUERY_ACCEPTED("security",
            "without an Authorization header the access token is taken from ?access_token= (tokens end up in logs)"),
    SECURITY_PASSWORD_HASH_IN_JWT("security",
            "the access token carries the user's password hash (meant to invalidate tokens on a password change)"),
    SECURITY_CORS_ANY_ORIGIN_WITH_CREDENTIALS("security",
            "CORS reflects any Origin and allows credentials (allow_origins=[\"*\"] with allow_credentials=True)"),
    SECURITY_NO_NOSNIFF_ON_DOWNLOAD("security",
            "X-Content-Type-Options: nosniff is added by the JSON writer only, so file downloads go without it"),
    SECURITY_NO_LOGIN_THROTTLING("security",
            "failed logins are not counted: a password can be guessed without limit"),

    // --- auth ---
    AUTH_LOGOUT_DOES_NOT_REVOKE("auth", "POST /auth/logout answers 200 but never puts the presented token on the denylist"),
    AUTH_LOGOUT_ENDS_ALL_SESSIONS("auth", "POST /auth/logout revokes every token of the user issued so far, not just the one presented"),
    AUTH_REFRESH_NOT_ROTATED("auth", "POST /auth/refresh issues a new pair but leaves the used refresh token valid"),
    AUTH_ACCEPTS_ALG_NONE("auth", "token verification accepts an unsigned token (alg: none) as it stands"),
    AUTH_SIGNATURE_NOT_VERIFIED("auth", "token verification decodes the claims without checking the HS256 signature"),
    AUTH_EXPIRED_TOKEN_ACCEPTED("auth", "token verification ignores the exp claim"),
    AUTH_REFRESH_ACCEPTED_AS_ACCESS("auth", "protected endpoints accept a refresh token as bearer (token type not checked)"),
    AUTH_LOGIN_REVEALS_UNKNOWN_USER("auth", "POST /auth/login answers 'User not found' for an unknown username, unlike a wrong password"),
    AUTH_LOGIN_MISSING_FIELD_CRASHES("auth", "POST /auth/login without a password field fails with 500 instead of 422"),
    AUTH_DEACTIVATED_CAN_LOGIN("auth", "POST /auth/login does not check is_active, so a deactivated account gets tokens"),
    AUTH_DEACTIVATED_TOKENS_STAY_VALID("auth", "tokens are checked for signature and expiry only: a deactivated user's tokens keep working"),
    REGISTER_PASSWORD_MIN_7("auth", "POST /auth/register accepts a 7-character admin password (minimum checked as > 6)"),
    REGISTER_TENANT_NAME_CASE_SENSITIVE("auth", "POST /auth/register compares tenant names case-sensitively, so 'Acme' and 'acme' both register"),
    HEALTH_TIMESTAMP_WITHOUT_OFFSET("auth", "GET /health prints a naive local timestamp without a UTC offset"),

    // --- rbac ---
    RBAC_USER_SEES_ADMIN_STATS("rbac", "GET /api/v1/admin/stats checks authentication but not the admin role"),
    RBAC_ADMIN_TENANTS_OPEN_TO_USERS("rbac", "GET /api/v1/admin/tenants checks authentication but not the admin role"),
    RBAC_ADMIN_CHECK_BEFORE_AUTHENTICATION("rbac", "the admin routes check the role before authenticating: a call without a token answers 403 instead of 401"),
    RBAC_ADMIN_STATS_CACHED("rbac", "GET /api/v1/admin/stats serves counts cached for a minute, so new data does not show"),
    RBAC_MEMBER_CAN_CREATE_ADMIN("rbac", "POST /api/v1/users lets a role-user caller create a user with role admin"),
    RBAC_BULK_SKIPS_ROLE_CHECK("rbac", "POST /api/v1/users/bulk forgets the admin-role check of single creation"),
    RBAC_MEMBER_CAN_UPDATE_OTHERS("rbac", "PUT /api/v1/users/{id} lets a role-user caller change other users"),
    RBAC_MEMBER_CAN_DELETE_OTHERS("rbac", "DELETE /api/v1/users/{id} lets a role-user caller deactivate other users"),

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
    ROBUSTNESS_UNKNOWN_METHOD_404_NOT_405("robustness", "the router answers an unsupported method on a known path with 404 instead of 405");

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
