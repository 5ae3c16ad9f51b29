package io.mtapi.harness.reference;

/**
 * The switchboard of deliberate defects. Each constant is one defect in the reference target,
 * switched on per instance through {@link ReferenceSettings#faults()}, plus the test tag of the
 * suite that must catch it.
 */
public enum Fault {
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
    SECURITY_ROLE_MASS_ASSIGNMENT("security",
            "PUT /api/v1/users/{id} also applies a role in the body, so a member can make itself admin");

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
