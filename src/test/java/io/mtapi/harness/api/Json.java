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

    private static <T> T read(Response response, JavaType type) {
        String body = response.asString();
        try {
            return MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("A " + response.getStatusCode() + " answer is not the JSON the contract describes as "
                    + type.getTypeName().replaceAll("[a-z.]+\\.", "") + "\n  " + e.getOriginalMessage()
                    + "\n  body: " + Masking.text(body), e);
        }
    }
}
