package io.mtapi.harness.api;

import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A request body sent byte for byte as given, under any Content-Type: for probes with input
 * the typed clients would never produce (JSON that does not parse, XML, a form).
 *
 * <pre>{@code
 * tenant.users().create(RawBody.json("{\"username\": \"ab"));
 * tenant.users().create(RawBody.of("text/plain", Json.write(Users.valid())));
 * }</pre>
 *
 * @param contentType the Content-Type header, or null to send none
 */
public record RawBody(String contentType, byte[] bytes) {

    public static RawBody json(String text) {
        return of("application/json", text);
    }

    /** The text encoded as UTF-8. */
    public static RawBody of(String contentType, String text) {
        return new RawBody(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    UnaryOperator<RequestSpecification> request() {
        return r -> {
            RequestSpecification withType = contentType == null ? r : r.contentType(contentType);
            // REST Assured encodes form bodies itself and takes them only as text.
            return isForm() ? withType.body(new String(bytes, StandardCharsets.UTF_8)) : withType.body(bytes.clone());
        };
    }

    private boolean isForm() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    public String toString() {
        return "RawBody[" + contentType + ", " + bytes.length + " bytes]";
    }
}
