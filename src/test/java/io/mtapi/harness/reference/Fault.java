package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it. Grouped by that tag.
 */
public enum Fault {
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
    RBAC_ROLE_FROM_TOKEN_CLAIM("rbac", "the admin check trusts the token's role claim instead of the stored user's role"),
    RBAC_ADMIN_STATS_CACHED("rbac", "GET /api/v1/admin/stats serves counts cached for a minute, so new data does not show"),
    RBAC_MEMBER_CAN_CREATE_ADMIN("rbac", "POST /api/v1/users lets a role-user caller create a user with role admin"),
    RBAC_BULK_SKIPS_ROLE_CHECK("rbac", "POST /api/v1/users/bulk forgets the admin-role check of single creation"),
    RBAC_MEMBER_CAN_UPDATE_OTHERS("rbac", "PUT /api/v1/users/{id} lets a role-user caller change other users"),
    RBAC_MEMBER_CAN_DELETE_OTHERS("rbac", "DELETE /api/v1/users/{id} lets a role-user caller deactivate other users"),
    RBAC_PUT_CHANGES_ROLE("rbac", "PUT /api/v1/users/{id} binds every body field, so {\"role\": \"admin\"} promotes the user"),
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
