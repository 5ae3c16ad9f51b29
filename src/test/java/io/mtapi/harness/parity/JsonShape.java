package io.mtapi.harness.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of a response body: its JSON keys and their types, recursively, without a
 * single value. {@code {"id":"u1","tags":["a"],"n":1}} has the shape
 * {@code {id:string,n:integer,tags:[string]}}. Keys are sorted (JSON objects have no order);
 * an array's elements of different shapes are listed once each, sorted ({@code [integer|string]});
 * an empty array is {@code []}, so a listing that became empty shows.
 *
 * <pre>{@code
 * JsonShape.of("application/json", body)   // "{detail:[{loc:[integer|string],msg:string,type:string}]}"
 * JsonShape.of("image/png", bytes)         // "(not JSON)"
 * }</pre>
 */
public final class JsonShape {

    public static final String EMPTY = "(empty)";
    public static final String NOT_JSON = "(not JSON)";
    public static final String INVALID_JSON = "(invalid JSON)";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonShape() {
    }

    /** The shape of a body with the given Content-Type (null when there was none). */
    public static String of(String contentType, byte[] body) {
        if (body == null || body.length == 0) {
            return EMPTY;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return NOT_JSON;
        }
        try {
            return of(MAPPER.readTree(body));
        } catch (IOException e) {
            return INVALID_JSON;
        }
    }

    /** The shape of a JSON tree. */
    public static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return EMPTY;
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
            StringJoiner fields = new StringJoiner(",", "{", "}");
            sorted.forEach((name, value) -> fields.add(name + ":" + of(value)));
            return fields.toString();
        }
        if (node.isArray()) {
            TreeSet<String> elements = new TreeSet<>();
            node.forEach(element -> elements.add(of(element)));
            return "[" + String.join("|", elements) + "]";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

}
