package io.mtapi.harness.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API inventory of the contract document ({@code contract/openapi.yaml}): every documented
 * method + path with its operationId and the statuses it may answer.
 *
 * <p>Read once, on first use; the result is immutable and safe to share between threads.
 *
 * <pre>{@code
 * Operation op = ContractOperations.match("GET", "/api/v1/users/" + id).orElseThrow();
 * assertThat(op.statuses()).as("statuses documented for %s", op.operationId()).contains(status);
 * }</pre>
 */
public final class ContractOperations {

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static volatile List<Route> routes;

    private ContractOperations() {}

    /**
     * One documented call.
     *
     * @param method upper-case HTTP method, e.g. {@code "GET"}
     * @param pathTemplate the path as documented, e.g. {@code "/api/v1/users/{user_id}"}
     * @param operationId the document's operationId, e.g. {@code "getUser"}
     * @param statuses every documented response status, ascending
     */
    public record Operation(String method, String pathTemplate, String operationId, Set<Integer> statuses) {
        public Operation {
            statuses = Collections.unmodifiableSortedSet(new TreeSet<>(statuses));
        }
    }

    /**
     * Every documented method + path, in document order.
     *
     * <pre>{@code
     * ContractOperations.all().size() // 17
     * }</pre>
     */
    public static List<Operation> all() {
        return routes().stream().map(Route::operation).toList();
    }

    /**
     * The documented operation that a concrete request would reach. Path templates match one
     * non-empty segment per {@code {param}}; where several templates match, the one with more
     * literal segments wins, as in the target's router ({@code POST /api/v1/users/bulk} is the
     * bulk call, not {@code {user_id}}). A query string or fragment is ignored.
     *
     * <pre>{@code
     * ContractOperations.match("GET", "/api/v1/users/123?x=1")   // getUser, /api/v1/users/{user_id}
     * ContractOperations.match("POST", "/api/v1/users/bulk")     // bulkCreateUsers
     * ContractOperations.match("PATCH", "/api/v1/users/123")     // Optional.empty(): undocumented
     * }</pre>
     *
     * @param method HTTP method, any case
     * @param concretePath the request path relative to the target's base URL, starting with "/"
     * @return the operation, or empty when the contract documents no such call
     */
    public static Optional<Operation> match(String method, String concretePath) {
        if (method == null || concretePath == null || !concretePath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "expected a method and a path starting with '/', got " + method + " " + concretePath);
        }
        String wanted = method.toUpperCase(Locale.ROOT);
        String[] segments = segments(stripQueryAndFragment(concretePath));
        return routes().stream()
                .filter(route -> route.operation().method().equals(wanted) && route.matches(segments))
                // max keeps the first of equals: among equally specific templates, document order.
                .max(Comparator.comparingInt(Route::literalSegments))
                .map(Route::operation);
    }

    private static List<Route> routes() {
        List<Route> local = routes;
        if (local == null) {
            synchronized (ContractOperations.class) {
                local = routes;
                if (local == null) {
                    local = load();
                    routes = local;
                }
            }
        }
        return local;
    }

    private static List<Route> load() {
        JsonNode paths = ContractDocument.read().path("paths");
        List<Route> loaded = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                // A path item also holds "parameters", "summary"...: only methods are calls.
                if (HTTP_METHODS.contains(entry.getKey())) {
                    loaded.add(new Route(operation(path.getKey(), entry.getKey(), entry.getValue())));
                }
            }
        }
        return List.copyOf(loaded);
    }

    private static Operation operation(String path, String method, JsonNode node) {
        String where = method.toUpperCase(Locale.ROOT) + " " + path;
        String operationId = node.path("operationId").asText("");
        if (operationId.isEmpty()) {
            throw new IllegalStateException(where + " has no operationId in " + ContractDocument.RESOURCE);
        }
        Set<Integer> statuses = new TreeSet<>();
        for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
            String key = response.getKey();
            // "default" and "4XX" would make the inventory vague; the contract names every status.
            if (!key.matches("[1-5]\\d\\d")) {
                throw new IllegalStateException(
                        where + " documents response '" + key + "'; only explicit statuses are allowed");
            }
            statuses.add(Integer.valueOf(key));
        }
        if (statuses.isEmpty()) {
            throw new IllegalStateException(where + " documents no responses");
        }
        return new Operation(method.toUpperCase(Locale.ROOT), path, operationId, statuses);
    }

    private static String stripQueryAndFragment(String path) {
        int cut = path.length();
        int query = path.indexOf('?');
        int fragment = path.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return path.substring(0, cut);
    }

    // "/a/b/" -> ["a", "b", ""]: a trailing slash is a different path (FastAPI redirects it).
    private static String[] segments(String path) {
        return path.substring(1).split("/", -1);
    }

    /** An operation with its template pre-split for matching. */
    private record Route(Operation operation, String[] template, int literalSegments) {

        Route(Operation operation) {
            this(operation, segments(operation.pathTemplate()), countLiterals(segments(operation.pathTemplate())));
        }

        boolean matches(String[] concrete) {
            if (concrete.length != template.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                boolean matched = isParameter(template[i])
                        ? !concrete[i].isEmpty()
                        : template[i].equals(concrete[i]);
                if (!matched) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isParameter(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }

        private static int countLiterals(String[] segments) {
            int literals = 0;
            for (String segment : segments) {
                if (!isParameter(segment)) {
                    literals++;
                }
            }
            return literals;
        }
    }
}
