package io.mtapi.harness.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.http.Recovery;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.function.UnaryOperator;

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

    /**
     * {@code POST /auth/register} with any body (a {@link Registration} or an invalid map). If the answer
     * is lost, logging in with its credentials tells whether it was applied (see {@link Recoveries}).
     */
    public ApiResponse register(Object body) {
        return calls.send("POST", "/auth/register", "RegisterResponse", json(body), Recoveries.registered(calls, tree(body)));
    }

    public ApiResponse login(String username, String password) {
        return login(Map.of("username", username, "password", password));
    }

    /** {@code POST /auth/login}; a lost answer is simply re-sent (a login changes nothing a re-send depends on). */
    public ApiResponse login(Object body) {
        return calls.send("POST", "/auth/login", "TokenPair", json(body), Recoveries.LOGIN);
    }

    /**
     * {@code POST /auth/refresh}. A lost answer is re-sent; if the re-send meets a 401 because the lost
     * attempt had already rotated the token, the test is aborted (the new pair is lost, no contract verdict).
     */
    public ApiResponse refresh(String refreshToken) {
        return calls.send("POST", "/auth/refresh", "TokenPair", json(Map.of("refresh_token", refreshToken)),
                Recoveries.refreshed(calls, refreshToken));
    }

    /** {@code POST /auth/register} with a body sent exactly as given (malformed input probes; a lost answer aborts). */
    public ApiResponse register(RawBody body) {
        return calls.send("POST", "/auth/register", "RegisterResponse", body.request(), Recovery.NONE);
    }

    public ApiResponse login(RawBody body) {
        return calls.send("POST", "/auth/login", "TokenPair", body.request(), Recoveries.LOGIN);
    }

    /** {@code POST /auth/refresh} with a body sent exactly as given (malformed input probes; a lost answer aborts). */
    public ApiResponse refresh(RawBody body) {
        return calls.send("POST", "/auth/refresh", "TokenPair", body.request(), Recovery.NONE);
    }

    static UnaryOperator<RequestSpecification> json(Object body) {
        return r -> r.contentType(ContentType.JSON).body(body instanceof String s ? s : Json.write(body));
    }

    /** A body as {@link #json(Object)} sends it, as a JSON tree (a String is JSON text already). */
    static JsonNode tree(Object body) {
        return body instanceof String text ? Json.parse(text) : Json.treeOf(body);
    }
}
