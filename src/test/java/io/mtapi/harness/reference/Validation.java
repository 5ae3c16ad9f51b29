package io.mtapi.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.eclipse.jetty.util.MultiMap;
import org.eclipse.jetty.util.UrlEncoded;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Request validation with FastAPI/pydantic v2 error shapes: {@code {"loc": [...], "msg": "...", "type": "..."}}.
 * All issues of one request are collected before answering, as pydantic does. An issue also remembers the
 * input it is about ({@link #INPUT}), which the answer shows only under {@link Freedom#VALIDATION_ITEMS_WITH_CONTEXT}.
 */
final class Validation {
    // One @, non-empty local part, dotted domain with non-empty labels, no whitespace.
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final int MAX_JSON_BYTES = 1024 * 1024;
    private static final long MAX_DRAINED_BYTES = 32L * 1024 * 1024;
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "on", "t");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "off", "f");

    /** The key of the offending input in an issue: pydantic 2 shows it, the public implementation does not. */
    static final String INPUT = "input";

    private final List<Map<String, Object>> issues = new ArrayList<>();

    static Map<String, Object> issue(List<Object> loc, String msg, String type) {
        var m = new LinkedHashMap<String, Object>();
        m.put("loc", loc);
        m.put("msg", msg);
        m.put("type", type);
        return m;
    }

    void add(List<Object> loc, String msg, String type) {
        issues.add(issue(loc, msg, type));
    }

    /** An issue about this input: the value refused, or the object a required field is missing from. */
    private void add(List<Object> loc, String msg, String type, JsonNode input) {
        var issue = issue(loc, msg, type);
        issue.put(INPUT, input);
        issues.add(issue);
    }

    boolean ok() {
        return issues.isEmpty();
    }

    void throwIfAny() {
        if (!issues.isEmpty()) throw ApiError.invalid(issues);
    }

    // ---- body ----

    /** The JSON body. Like FastAPI, a declared non-JSON content type is not parsed. */
    static JsonNode body(Context ctx, ObjectMapper json) {
        String type = ctx.header("Content-Type");
        if (type != null && !isJsonType(type)) {
            throw ApiError.invalid(List.of("body"), "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) { // not bodyAsBytes(): Javalin logs a WARN per oversized body
            bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) drain(in);
        } catch (IOException e) {
            throw ApiError.invalid(List.of("body"), "Request body could not be read", "json_invalid");
        }
        if (bytes.length > MAX_JSON_BYTES) throw ApiError.of(413, "Request body too large");
        try {
            JsonNode node = bytes.length == 0 ? null : json.readTree(bytes);
            if (node == null || node.isMissingNode()) throw new IOException("empty body");
            return node;
        } catch (IOException e) {
            // The cause stays on the server's side (logs, debugging), never in the answer.
            throw ApiError.invalid(List.of("body"), "JSON decode error", "json_invalid").causedBy(e);
        }
    }

    /**
     * Reads and drops the rest of an oversized body (up to {@value #MAX_DRAINED_BYTES} bytes) before the 413, as a
     * server that reads whole bodies (uvicorn) does: answering mid-upload makes Jetty close the connection,
     * and the client, still sending, sees a broken pipe instead of the 413.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[64 * 1024];
        long left = MAX_DRAINED_BYTES;
        for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) left -= n;
    }

    private static boolean isJsonType(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || base.endsWith("+json");
    }

    static JsonNode object(JsonNode node, List<Object> loc) {
        if (!node.isObject()) {
            throw ApiError.invalid(loc, "Input should be a valid dictionary or object to extract fields from", "model_attributes_type");
        }
        return node;
    }

    /** A string field; null when absent/invalid (the issue is recorded) or when optional and absent/null. */
    String string(JsonNode obj, List<Object> at, String field, int min, int max, boolean required) {
        List<Object> loc = append(at, field);
        JsonNode v = obj.get(field);
        if (v == null || (!required && v.isNull())) {
            if (required) add(loc, "Field required", "missing", obj);
            return null;
        }
        if (!v.isTextual()) {
            add(loc, "Input should be a valid string", "string_type", v);
            return null;
        }
        String s = v.textValue();
        int len = s.codePointCount(0, s.length()); // Python len(): code points, not UTF-16 units
        if (len < min) {
            add(loc, "String should have at least " + min + " character" + (min == 1 ? "" : "s"), "string_too_short", v);
            return null;
        }
        if (len > max) {
            add(loc, "String should have at most " + max + " characters", "string_too_long", v);
            return null;
        }
        return s;
    }

    String email(JsonNode obj, List<Object> at, String field, boolean required) {
        String s = string(obj, at, field, 0, Integer.MAX_VALUE, required);
        if (s != null && (s.length() > 254 || !EMAIL.matcher(s).matches())) {
            add(append(at, field), "value is not a valid email address: The email address is not valid.", "value_error",
                    obj.get(field));
            return null;
        }
        return s;
    }

    String role(JsonNode obj, List<Object> at) {
        JsonNode v = obj.get("role");
        if (v == null) return "user";
        if (v.isTextual() && (v.textValue().equals("user") || v.textValue().equals("admin"))) return v.textValue();
        add(append(at, "role"), "Input should be 'user' or 'admin'", "enum", v);
        return null;
    }

    // ---- query ----

    /**
     * The raw value of a query parameter (last one wins, as in Starlette), or null when absent.
     * Decoded here, not with Javalin's queryParam(): that one derives the charset from the request's
     * Content-Type and throws on a malformed "charset" parameter.
     */
    private static String queryValue(Context ctx, String name) {
        String query = ctx.req().getQueryString();
        if (query == null) return null;
        MultiMap<String> params;
        try {
            params = UrlEncoded.decodeQuery(query);
        } catch (RuntimeException e) {
            throw ApiError.invalid(List.of("query"), "Query string is not valid URL-encoded UTF-8", "value_error");
        }
        List<String> values = params.getValues(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    int queryInt(Context ctx, String name, int dflt, int min, int max) {
        String raw = queryValue(ctx, name);
        if (raw == null) return dflt;
        List<Object> loc = List.of("query", name);
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            add(loc, "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
            return dflt;
        }
        if (v < min) add(loc, "Input should be greater than or equal to " + min, "greater_than_equal");
        else if (v > max) add(loc, "Input should be less than or equal to " + max, "less_than_equal");
        else return (int) v;
        return dflt;
    }

    boolean queryBool(Context ctx, String name, boolean dflt) {
        String raw = queryValue(ctx, name);
        if (raw == null) return dflt;
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) return true;
        if (FALSE.contains(v)) return false;
        add(List.of("query", name), "Input should be a valid boolean, unable to interpret input", "bool_parsing");
        return dflt;
    }

    /** Under {@link Freedom#UNKNOWN_FIELDS_REFUSED}: each field of the object that is not one of these (pydantic's extra='forbid'). */
    void onlyFields(JsonNode obj, List<Object> at, Set<String> defined) {
        obj.fieldNames().forEachRemaining(name -> {
            if (!defined.contains(name)) add(append(at, name), "Extra inputs are not permitted", "extra_forbidden", obj.get(name));
        });
    }

    static List<Object> append(List<Object> loc, Object part) {
        var l = new ArrayList<>(loc);
        l.add(part);
        return List.copyOf(l);
    }
}
