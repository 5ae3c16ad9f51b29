package io.mtapi.harness.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.mtapi.harness.checks.ContractOperations;
import io.mtapi.harness.http.Masking;
import io.restassured.response.Response;

/**
 * A response together with the request that produced it ("GET /api/v1/users/42"),
 * so a failure message can say which call broke the contract.
 *
 * @param recovery null for an answer that came over the wire; for a <em>recovered</em> one (the
 *                 connection dropped after the target applied the call, see {@code http.Recovery}),
 *                 what the check found: the body is then the target's own current representation,
 *                 fetched with GETs, under the contract's success status
 */
public record ApiResponse(String request, Response raw, String recovery) {

    public ApiResponse(String request, Response raw) {
        this(request, raw, null);
    }

    /** Whether the target's answer was lost and this response was rebuilt from what the target holds. */
    public boolean recovered() {
        return recovery != null;
    }

    public int status() {
        return raw.statusCode();
    }

    public String header(String name) {
        return raw.header(name);
    }

    public String body() {
        return raw.asString();
    }

    public byte[] bytes() {
        return raw.asByteArray();
    }

    public JsonNode json() {
        return Json.tree(raw);
    }

    public <T> T as(Class<T> type) {
        return Json.read(raw, type);
    }

    public <T> T as(TypeReference<T> type) {
        return Json.read(raw, type);
    }

    /** The {@code detail} of an error body as text (a string, or the list of a 422). */
    public String detail() {
        JsonNode detail = json().path("detail");
        return detail.isTextual() ? detail.asText() : detail.toString();
    }

    /**
     * The call as the contract names it, the same on every run: the documented template of the path
     * ({@code GET /api/v1/users/{user_id}}) with its query, or for a path the contract does not
     * document the path with ids set aside ({@code {id}}). For the first line of failure messages.
     */
    public String call() {
        return call(request);
    }

    /** {@link #call()} of a request line "METHOD /concrete/path?query". */
    public static String call(String requestLine) {
        int space = requestLine.indexOf(' ');
        if (space < 0) {
            return requestLine;
        }
        String method = requestLine.substring(0, space);
        String target = requestLine.substring(space + 1);
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String rest = query < 0 ? "" : target.substring(query);
        String template = path.startsWith("/") ? ContractOperations.match(method, path).map(ContractOperations.Operation::pathTemplate)
                .orElseGet(() -> ID.matcher(path).replaceAll("{id}")) : path;
        return method + " " + template + Masking.text(rest);
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?<=/)\\d{6,}(?=/|$)");

    /** One line for failure messages: request, status and the (masked, shortened) body. */
    public String describe() {
        String body = Masking.text(body());
        if (body.length() > 600) {
            body = body.substring(0, 600) + "...";
        }
        return request + " -> " + status() + (body.isEmpty() ? "" : " " + body)
                + (recovered() ? " (recovered after the answer was lost: " + recovery + ")" : "");
    }
}
