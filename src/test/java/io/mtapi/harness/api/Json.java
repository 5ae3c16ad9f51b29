package io.mtapi.harness.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mtapi.harness.http.Masking;
import io.restassured.response.Response;

/**
 * The contract's JSON (snake_case fields, ISO-8601 timestamps) to and from the
 * harness's records. Our own mapper rather than REST Assured's, so the mapping
 * does not depend on which Jackson REST Assured finds on the classpath.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** A JSON text as a tree; text that is not JSON is a missing node (probes send such bodies on purpose). */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A value as the contract's JSON tree (snake_case fields). */
    static JsonNode treeOf(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static <T> T read(Response response, Class<T> type) {
        return read(response, MAPPER.constructType(type));
    }

    public static <T> T read(Response response, TypeReference<T> type) {
        return read(response, MAPPER.constructType(type));
    }

    public static JsonNode tree(Response response) {
        return read(response, JsonNode.class);
    }

    /** "a User", "a page of Users", "a list of Users": the contract's object, no Java signature. */
    private static String contractName(JavaType type) {
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "a list of " + type.getContentType().getRawClass().getSimpleName() + " objects";
        }
        if (type.containedTypeCount() == 1) {
            return "a " + type.getRawClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " of "
                    + type.containedType(0).getRawClass().getSimpleName() + " objects";
        }
        return type.getRawClass() == JsonNode.class ? "a JSON document" : "a " + type.getRawClass().getSimpleName() + " object";
    }

    private static <T> T read(Response response, JavaType type) {
        String body = response.asString();
        try {
            return MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            // The contract's words first; Jackson's own ("Numeric value (2147483648) out of range of int")
            // is evidence, on the next line.
            throw new AssertionError("A " + response.getStatusCode() + " answer is not the JSON the contract describes ("
                    + contractName(type) + ")\n  " + e.getOriginalMessage() + "\n  body: " + Masking.text(body), e);
        }
    }
}
