package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it. Empty until the fault catalogue is written.
 */
public enum Fault {
    // --- users ---
    USERS_LIST_INCLUDES_INACTIVE("users", "GET /api/v1/users defaults active_only to false, so soft-deleted users are listed"),
    USERS_FULL_NAME_MAX_NOT_ENFORCED("users", "POST /api/v1/users validates full_name's minimum length but not its maximum of 100"),
    USERS_CREATE_TRUSTS_BODY_TENANT_ID("users", "POST /api/v1/users takes tenant_id from the body when one is sent (mass assignment)"),
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
    PAGINATION_FILES_OFFSET_IGNORED("pagination", "GET /api/v1/files applies page_size but not the page offset: every page repeats the first");

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
