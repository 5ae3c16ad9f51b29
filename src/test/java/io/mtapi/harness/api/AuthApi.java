package io.mtapi.harness.api;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/** {@code /auth/*}, {@code /health} and {@code /openapi.json}: the calls that need no bearer token. */
public final class AuthApi {

    private final Calls calls;

    public AuthApi(RequestSpecification anonymous) {
        this.calls = new Calls(anonymous);
    }

    public ApiResponse health() {
        return calls.send("GET", "/health", "Health");
    }

    /** {@code GET /openapi.json}: the live API description that FastAPI-style targets publish (not in the contract). */
    public ApiResponse openApiDocument() {
        return calls.send("GET", "/openapi.json", null);
    }

    /** {@code POST /auth/register} with any body (a {@link Registration} or an invalid map). */
    public ApiResponse register(Object body) {
        return calls.send("POST", "/auth/register", "RegisterResponse", json(body));
    }

    public ApiResponse login(String username, String password) {
        return login(Map.of("username", username, "password", password));
    }

    public ApiResponse login(Object body) {
        return calls.send("POST", "/auth/login", "TokenPair", json(body));
    }

    public ApiResponse refresh(String refreshToken) {
        return calls.send("POST", "/auth/refresh", "TokenPair", json(Map.of("refresh_token", refreshToken)));
    }

    /** {@code POST /auth/register} with a body sent exactly as given (malformed input probes). */
    public ApiResponse register(RawBody body) {
        return calls.send("POST", "/auth/register", "RegisterResponse", body.request());
    }

    public ApiResponse login(RawBody body) {
        return calls.send("POST", "/auth/login", "TokenPair", body.request());
    }

    public ApiResponse refresh(RawBody body) {
        return calls.send("POST", "/auth/refresh", "TokenPair", body.request());
    }

    static java.util.function.UnaryOperator<RequestSpecification> json(Object body) {
        return r -> r.contentType(ContentType.JSON).body(body instanceof String s ? s : Json.write(body));
    }
}
