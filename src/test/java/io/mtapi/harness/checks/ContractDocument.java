package io.mtapi.harness.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the contract document ({@value #RESOURCE}) from the test classpath.
 *
 * <p>Package-private: callers ({@link ContractSchemas}, {@link ContractOperations}) read the tree
 * once, derive an immutable view from it and drop it, so the mutable Jackson tree never escapes.
 */
final class ContractDocument {

    static final String RESOURCE = "contract/openapi.yaml";

    private ContractDocument() {}

    static JsonNode read() {
        try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath");
            }
            JsonNode root = new YAMLMapper().readTree(in);
            if (root == null || !root.path("openapi").asText().startsWith("3.1")) {
                throw new IllegalStateException(RESOURCE + " is not an OpenAPI 3.1 document");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
