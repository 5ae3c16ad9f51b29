package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.Json;
import io.mtapi.harness.api.RawBody;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.Users;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bodies no JSON endpoint may break on, each derived from the endpoint's own refused body
 * so that a probe reaches as deep into the endpoint as its input allows.
 */
enum BadBody {
    NOT_JSON {
        @Override
        Probe render(JsonEndpoint endpoint) {
            return Probe.of(RawBody.json("this is not JSON"));
        }
    },
    TRUNCATED_JSON {
        @Override
        Probe render(JsonEndpoint endpoint) {
            String whole = Json.write(endpoint.wrap(endpoint.refusedObject()));
            return Probe.of(RawBody.json(whole.substring(0, whole.length() / 2)));
        }
    },
    /** An array where an object belongs; for bulk creation, an object where the array belongs. */
    WRONG_CONTAINER {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = endpoint.refusedObject();
            Object body = endpoint == JsonEndpoint.BULK_CREATE_USERS ? object : List.of(object);
            return Probe.marked(RawBody.json(Json.write(body)), object);
        }
    },
    STRING_DOCUMENT {
        @Override
        Probe render(JsonEndpoint endpoint) {
            return Probe.of(RawBody.json("\"just a string\""));
        }
    },
    NUMBER_DOCUMENT {
        @Override
        Probe render(JsonEndpoint endpoint) {
            return Probe.of(RawBody.json("42"));
        }
    },
    NULL_DOCUMENT {
        @Override
        Probe render(JsonEndpoint endpoint) {
            return Probe.of(RawBody.json("null"));
        }
    },
    /** 10 000 levels of arrays: a recursive parser without a depth limit overflows its stack. */
    DEEPLY_NESTED {
        @Override
        Probe render(JsonEndpoint endpoint) {
            return Probe.of(RawBody.json("[".repeat(DEPTH) + "]".repeat(DEPTH)));
        }

        @Override
        Expectation expected(JsonEndpoint endpoint) {
            return Expectation.CLIENT_ERROR;
        }
    },
    /** Each field a number, an array, an object or a boolean instead of a string (the first a number). */
    FIELDS_OF_WRONG_TYPE {
        @Override
        Probe render(JsonEndpoint endpoint) {
            List<Object> wrong = List.of(12345, List.of("a"), Map.of("k", "v"), true);
            Map<String, Object> object = new LinkedHashMap<>();
            int i = 0;
            for (String field : endpoint.refusedObject().keySet()) {
                object.put(field, wrong.get(i++ % wrong.size()));
            }
            return Probe.of(RawBody.json(Json.write(endpoint.wrap(object))));
        }
    },
    /** 10 000 characters in every field. */
    VERY_LONG_STRINGS {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = new LinkedHashMap<>();
            endpoint.refusedObject().keySet().forEach(field -> object.put(field, "x".repeat(LONG)));
            return Probe.of(RawBody.json(Json.write(endpoint.wrap(object))));
        }

        @Override
        Expectation expected(JsonEndpoint endpoint) {
            // Login and refresh take strings of any length: a long unknown name is just unknown (401).
            return endpoint.touchesUsers() || endpoint == JsonEndpoint.REGISTER
                    ? Expectation.VALIDATION_ERROR : Expectation.CLIENT_ERROR;
        }
    },
    /**
     * Emoji, right-to-left text, a combining accent and NUL in every field. Where the endpoint
     * creates or changes users, the email stays valid: the probe may be accepted, and reaches storage.
     */
    UNICODE {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = new LinkedHashMap<>();
            endpoint.refusedObject().forEach((field, value) -> object.put(field, switch (field) {
                case "email" -> endpoint.touchesUsers() ? Users.email() : SOUP;
                case "username" -> SOUP.replace(" ", "") + "." + RunId.unique();
                case "role" -> value;
                default -> SOUP;
            }));
            return Probe.marked(RawBody.json(Json.write(endpoint.wrap(object))), object);
        }

        @Override
        Expectation expected(JsonEndpoint endpoint) {
            return endpoint.touchesUsers() ? Expectation.ACCEPTED_OR_CLIENT_ERROR : Expectation.CLIENT_ERROR;
        }
    },
    /** The endpoint's JSON under Content-Type text/plain. */
    TEXT_PLAIN {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = endpoint.refusedObject();
            return Probe.marked(RawBody.of("text/plain", Json.write(endpoint.wrap(object))), object);
        }
    },
    /** The same fields as XML under Content-Type application/xml. */
    XML {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = endpoint.refusedObject();
            String fields = object.entrySet().stream()
                    .map(e -> "<" + e.getKey() + ">" + e.getValue() + "</" + e.getKey() + ">").collect(Collectors.joining());
            String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + (endpoint == JsonEndpoint.BULK_CREATE_USERS ? "<users><user>" + fields + "</user></users>"
                    : "<request>" + fields + "</request>");
            return Probe.marked(RawBody.of("application/xml", xml), object);
        }
    },
    /** The same fields as an HTML form under Content-Type application/x-www-form-urlencoded. */
    FORM_URLENCODED {
        @Override
        Probe render(JsonEndpoint endpoint) {
            Map<String, Object> object = endpoint.refusedObject();
            String form = object.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return Probe.marked(RawBody.of("application/x-www-form-urlencoded", form), object);
        }
    };

    private static final int DEPTH = 10_000;
    private static final int LONG = 10_000;
    private static final String SOUP = "Zoë 😀 \u202Eעברית\u202C e\u0301 \u0000 ☃";

    abstract Probe render(JsonEndpoint endpoint);

    /**
     * A malformed request is a request validation error, 422 (CONTRACT.md section 1); a
     * foreign Content-Type may also be refused as 415. Either way a 4xx, never a 5xx.
     */
    Expectation expected(JsonEndpoint endpoint) {
        return switch (this) {
            case TEXT_PLAIN, XML, FORM_URLENCODED -> Expectation.CLIENT_ERROR;
            default -> Expectation.VALIDATION_ERROR;
        };
    }

    /**
     * A body to send, and the email it carries if any: after a refusal no user may hold it.
     *
     * @param email null when the body carries no usable email
     */
    record Probe(RawBody body, String email) {

        static Probe of(RawBody body) {
            return new Probe(body, null);
        }

        static Probe marked(RawBody body, Map<String, Object> object) {
            Object email = object.get("email");
            return new Probe(body, email instanceof String s && s.contains("@") ? s : null);
        }
    }
}
