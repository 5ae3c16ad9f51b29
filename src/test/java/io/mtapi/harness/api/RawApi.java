package io.mtapi.harness.api;

import io.restassured.specification.RequestSpecification;

import java.util.function.UnaryOperator;

/**
 * Any method on any path with any body, for probes the typed clients do not cover:
 * unsupported methods, undocumented paths, bodies that are not JSON.
 *
 * <pre>{@code
 * ApiResponse r = caller.raw().send("PATCH", "/api/v1/users/{id}", req -> req, user.id());
 * ApiResponse r = caller.raw().send("POST", "/api/v1/users", req -> req.contentType("application/json").body("{"));
 * }</pre>
 */
public final class RawApi {

    private final Calls calls;

    public RawApi(RequestSpecification spec) {
        this.calls = new Calls(spec);
    }

    public ApiResponse send(String method, String path, UnaryOperator<RequestSpecification> request, Object... pathParams) {
        return calls.send(method, path, null, request, pathParams);
    }

    public ApiResponse send(String method, String path, Object... pathParams) {
        return send(method, path, UnaryOperator.identity(), pathParams);
    }
}
