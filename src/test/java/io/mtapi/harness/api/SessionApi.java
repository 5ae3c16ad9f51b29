package io.mtapi.harness.api;

import io.restassured.specification.RequestSpecification;

import java.util.function.UnaryOperator;

/** Calls about the caller's own session. */
public final class SessionApi {

    private final Calls calls;

    public SessionApi(RequestSpecification spec) {
        this.calls = new Calls(spec);
    }

    /**
     * {@code POST /auth/logout}: the contract says it invalidates the token presented. If the answer
     * is lost, a GET with the same token tells whether it did (see {@link Recoveries}).
     */
    public ApiResponse logout() {
        return calls.send("POST", "/auth/logout", "Message", UnaryOperator.identity(), Recoveries.loggedOut(calls));
    }
}
