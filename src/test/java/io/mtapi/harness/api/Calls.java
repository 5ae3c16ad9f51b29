package io.mtapi.harness.api;

import io.mtapi.harness.checks.ContractSchemas;
import io.mtapi.harness.http.Retries;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Sends one call and checks the body of every successful response against the
 * contract's JSON schema for it: a 2xx that breaks its schema fails the test at once,
 * whatever the test itself asserts.
 */
final class Calls {

    private final RequestSpecification spec;

    Calls(RequestSpecification spec) {
        this.spec = spec;
    }

    ApiResponse send(String method, String path, String successSchema, UnaryOperator<RequestSpecification> request,
                     Object... pathParams) {
        String line = method + " " + concrete(path, pathParams);
        Response response = Retries.of(spec)
                .map(retries -> retries.send(method, line, () -> request.apply(RestAssured.given(spec)).request(method, path, pathParams)))
                .orElseGet(() -> request.apply(RestAssured.given(spec)).request(method, path, pathParams));
        ApiResponse result = new ApiResponse(line, response);
        if (successSchema != null && result.status() / 100 == 2) {
            List<String> violations = ContractSchemas.get().violations(successSchema, result.body());
            if (!violations.isEmpty()) {
                throw new AssertionError(result.request() + " answered " + result.status()
                        + " with a body that breaks the contract's " + successSchema + " schema: "
                        + String.join("; ", violations) + "\n  " + result.describe());
            }
        }
        return result;
    }

    ApiResponse send(String method, String path, String successSchema, Object... pathParams) {
        return send(method, path, successSchema, UnaryOperator.identity(), pathParams);
    }

    private static String concrete(String path, Object... params) {
        String result = path;
        for (Object param : params) {
            result = result.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(String.valueOf(param)));
        }
        return result;
    }
}
