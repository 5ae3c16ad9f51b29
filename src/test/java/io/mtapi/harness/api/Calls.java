package io.mtapi.harness.api;

import io.mtapi.harness.checks.ContractSchemas;
import io.mtapi.harness.http.Recovery;
import io.mtapi.harness.http.Retries;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sends one call and checks the body of every successful response against the
 * contract's JSON schema for it: a 2xx that breaks its schema fails the test at once,
 * whatever the test itself asserts. A recovered response (the answer was lost, the
 * target's representation adopted) is checked the same way.
 */
final class Calls {

    private final RequestSpecification spec;

    Calls(RequestSpecification spec) {
        this.spec = spec;
    }

    /** The specification calls go out with (its credentials, its filters). */
    RequestSpecification spec() {
        return spec;
    }

    /** @param recovery what to do when the answer is lost; {@link Recovery#NONE} for calls nothing can check */
    ApiResponse send(String method, String path, String successSchema, UnaryOperator<RequestSpecification> request,
                     Recovery recovery, Object... pathParams) {
        String concrete = concrete(path, pathParams);
        String line = method + " " + concrete;
        Supplier<Response> call = () -> request.apply(RestAssured.given(spec)).request(method, path, pathParams);
        ApiResponse result = Retries.of(spec)
                .map(retries -> retries.send(method, concrete, authorization(), call, recovery))
                .map(sent -> new ApiResponse(line, sent.response(), sent.recovered()))
                .orElseGet(() -> new ApiResponse(line, call.get()));
        if (successSchema != null && result.status() / 100 == 2) {
            List<String> violations = ContractSchemas.get().violations(successSchema, result.body());
            if (!violations.isEmpty()) {
                throw new AssertionError(result.call() + " answered " + result.status()
                        + " with a body that breaks the contract's " + successSchema + " schema\n  "
                        + String.join("\n  ", violations) + "\n  " + result.describe());
            }
        }
        return result;
    }

    ApiResponse send(String method, String path, String successSchema, UnaryOperator<RequestSpecification> request,
                     Object... pathParams) {
        return send(method, path, successSchema, request, Recovery.NONE, pathParams);
    }

    ApiResponse send(String method, String path, String successSchema, Object... pathParams) {
        return send(method, path, successSchema, UnaryOperator.identity(), Recovery.NONE, pathParams);
    }

    /** The Authorization header the calls carry, or null. */
    String authorization() {
        return spec instanceof FilterableRequestSpecification filterable
                ? filterable.getHeaders().getValue("Authorization") : null;
    }

    private static String concrete(String path, Object... params) {
        String result = path;
        for (Object param : params) {
            result = result.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(String.valueOf(param)));
        }
        return result;
    }
}
