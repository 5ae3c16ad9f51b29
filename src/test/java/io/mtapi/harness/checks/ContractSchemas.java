package io.mtapi.harness.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates response bodies against {@code #/components/schemas/<Name>} of the contract document
 * ({@code contract/openapi.yaml}), with JSON Schema 2020-12 semantics (OpenAPI 3.1 dialect).
 *
 * <p>{@code format} is asserted, not only annotated: {@code date-time} must be RFC 3339 with an
 * offset, {@code email} an RFC 5321 mailbox whose domain has a known top-level domain (so test
 * data uses {@code example.com}/{@code example.org}, not {@code .test} or {@code .local}).
 *
 * <p>The document is read and every schema compiled once, on the first {@link #get()}; the
 * instance is immutable and safe to use from any number of threads.
 *
 * <pre>{@code
 * List<String> problems = ContractSchemas.get().violations("User", response.asString());
 * assertThat(problems).as("GET /api/v1/users/%s body against the contract", id).isEmpty();
 * }</pre>
 */
public final class ContractSchemas {

    // Never fetched: the document is registered in memory under this IRI. ".invalid" (RFC 2606)
    // guarantees that a wrong $ref cannot leak into a network call.
    private static final String DOCUMENT_IRI = "https://contract.mtapi.invalid/openapi.json";
    private static final String SCHEMAS_POINTER = "#/components/schemas/";
    private static final int MAX_SHOWN_VALUE = 40;

    private static volatile ContractSchemas shared;

    // Duplicate keys make a body ambiguous (parsers disagree on which one wins), so they count
    // as invalid JSON here, like trailing garbage after the value.
    private static final JsonMapper BODY_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Map<String, Schema> schemas;
    private final Set<String> names;

    private ContractSchemas(Map<String, Schema> schemas) {
        this.schemas = Map.copyOf(schemas);
        this.names = Collections.unmodifiableSet(new TreeSet<>(schemas.keySet()));
    }

    /**
     * The shared instance; the first call reads and compiles the contract (double-checked, so
     * concurrent first calls compile once, and a failed load is retried with the same message).
     */
    public static ContractSchemas get() {
        ContractSchemas local = shared;
        if (local == null) {
            synchronized (ContractSchemas.class) {
                local = shared;
                if (local == null) {
                    local = load();
                    shared = local;
                }
            }
        }
        return local;
    }

    /**
     * Checks a JSON body against a component schema.
     *
     * <pre>{@code
     * ContractSchemas.get().violations("User", "{\"id\":\"1\", \"hashed_password\":\"x\", ...}")
     * // -> ["User $.hashed_password: property 'hashed_password' is not defined in the schema and
     * //      the schema does not allow additional properties
     * //      [rule additionalProperties at #/components/schemas/User/additionalProperties]"]
     * }</pre>
     *
     * @param schemaName a name of {@link #schemaNames()}, e.g. {@code "User"}, {@code "UserPage"}
     * @param json the body as received
     * @return one message per violation (schema, JSON path, message, rule and its location in the
     *     document); empty when the body conforms. A body that is not JSON is one violation.
     * @throws IllegalArgumentException when the contract has no schema of that name
     */
    public List<String> violations(String schemaName, String json) {
        Schema schema = schemas.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("No schema '" + schemaName + "' in "
                    + ContractDocument.RESOURCE + " (#/components/schemas); known: " + names);
        }
        if (json == null || json.isBlank()) {
            return List.of(schemaName + " $: body is empty, expected JSON");
        }
        JsonNode body;
        try {
            body = BODY_READER.readTree(json);
        } catch (JacksonException e) {
            return List.of(schemaName + " $: body is not valid JSON: " + e.getOriginalMessage());
        }
        List<String> messages = new ArrayList<>();
        for (Error error : schema.validate(body)) {
            messages.add(describe(schemaName, error));
        }
        return List.copyOf(messages);
    }

    /** Names of {@code #/components/schemas}, sorted. */
    public Set<String> schemaNames() {
        return names;
    }

    private static String describe(String schemaName, Error error) {
        NodePath path = error.getInstanceLocation();
        // For an undeclared property the offending value lives one level down: point at it.
        boolean undeclared = "additionalProperties".equals(error.getKeyword())
                || "unevaluatedProperties".equals(error.getKeyword());
        boolean badName = "propertyNames".equals(error.getKeyword());
        if ((undeclared || badName) && error.getProperty() != null) {
            path = path.append(error.getProperty());
        }
        String rule = error.getSchemaLocation().toString().replace(DOCUMENT_IRI, "");
        String message = badName ? "a field named like a credential (no answer may carry a password, a hash of one or "
                + "a secret)" : error.getMessage() + shownValue(error);
        return schemaName + " " + path + ": " + message + " [rule " + error.getKeyword() + " at " + rule + "]";
    }

    // Scalars only, and cut short: enough to see "root" or a naive timestamp, never a whole
    // object that might carry tokens or hashes into a report.
    private static String shownValue(Error error) {
        JsonNode value = error.getInstanceNode();
        if (value == null || value.isContainer() || value.isMissingNode()) {
            return "";
        }
        String text = value.toString();
        if (text.length() > MAX_SHOWN_VALUE) {
            text = text.substring(0, MAX_SHOWN_VALUE) + "...";
        }
        return " (was " + text + ")";
    }

    private static ContractSchemas load() {
        com.fasterxml.jackson.databind.JsonNode document = ContractDocument.read();
        String documentJson;
        try {
            documentJson = new ObjectMapper().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialise " + ContractDocument.RESOURCE, e);
        }

        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // 2020-12 makes format an annotation by default; the contract means it.
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder
                        .schemas(Map.of(DOCUMENT_IRI, documentJson))
                        .schemaRegistryConfig(config));

        Map<String, Schema> compiled = new LinkedHashMap<>();
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> entry
                : document.path("components").path("schemas").properties()) {
            String name = entry.getKey();
            Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + SCHEMAS_POINTER + name));
            // Resolve every $ref now: a broken reference fails the load, not a random test, and
            // no lazy resolution is left to race between threads later.
            schema.initializeValidators();
            compiled.put(name, schema);
        }
        if (compiled.isEmpty()) {
            throw new IllegalStateException(ContractDocument.RESOURCE + " has no components/schemas");
        }
        return new ContractSchemas(compiled);
    }
}
