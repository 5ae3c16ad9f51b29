package io.mtapi.harness.api;

import io.restassured.specification.RequestSpecification;

/** Calls about the caller's own session. */
public final class SessionApi {

    private final Calls calls;

    public SessionApi(RequestSpecification spec) {
        this.calls = new Calls(spec);
    }

    /** {@code POST /auth/logout}: the contract says it invalidates the token presented. */
    public ApiResponse logout() {
        return calls.send("POST", "/auth/logout", "Message");
    }
}
