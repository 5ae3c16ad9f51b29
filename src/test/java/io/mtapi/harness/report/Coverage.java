package io.mtapi.harness.report;

import io.mtapi.harness.checks.ContractOperations;
import io.mtapi.harness.checks.ContractOperations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How much of the contract a run exercised: every documented endpoint x method x status
 * of {@code contract/openapi.yaml}, seen in a response or not, from the request ledger.
 */
public record Coverage(List<Row> rows, Set<String> undocumented) {

    /** One documented endpoint, method and status. */
    public record Row(String method, String path, int status, long seen) {
        public boolean exercised() {
            return seen > 0;
        }
    }

    /** @param ledger "METHOD /concrete/path STATUS" to count, as the request ledger keeps it */
    public static Coverage of(Map<String, Long> ledger) {
        Map<String, Long> seen = new TreeMap<>();
        Set<String> undocumented = new TreeSet<>();
        ledger.forEach((key, count) -> {
            String[] parts = key.split(" ");
            String method = parts[0];
            String path = parts[1];
            int status = Integer.parseInt(parts[2]);
            Optional<Operation> operation = ContractOperations.match(method, path);
            if (operation.isPresent() && operation.get().statuses().contains(status)) {
                seen.merge(operation.get().method() + " " + operation.get().pathTemplate() + " " + status, count, Long::sum);
            } else {
                undocumented.add(operation.map(o -> o.method() + " " + o.pathTemplate()).orElse(method + " (path outside the contract)")
                        + " " + status);
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Operation operation : ContractOperations.all()) {
            for (int status : operation.statuses()) {
                rows.add(new Row(operation.method(), operation.pathTemplate(), status,
                        seen.getOrDefault(operation.method() + " " + operation.pathTemplate() + " " + status, 0L)));
            }
        }
        return new Coverage(List.copyOf(rows), Set.copyOf(undocumented));
    }

    public long endpointsTotal() {
        return rows.stream().map(r -> r.method() + " " + r.path()).distinct().count();
    }

    /** Endpoint x method pairs with at least one response of any documented status. */
    public long endpointsExercised() {
        return rows.stream().filter(Row::exercised).map(r -> r.method() + " " + r.path()).distinct().count();
    }

    public long statusesTotal() {
        return rows.size();
    }

    public long statusesExercised() {
        return rows.stream().filter(Row::exercised).count();
    }

    /** "17/17 endpoint x method (100%), 80/95 documented statuses (84%)" */
    public String totals() {
        return endpointsExercised() + "/" + endpointsTotal() + " endpoint x method (" + percent(endpointsExercised(), endpointsTotal())
                + "), " + statusesExercised() + "/" + statusesTotal() + " documented statuses ("
                + percent(statusesExercised(), statusesTotal()) + ")";
    }

    /** The table as Markdown: one line per endpoint and method, each documented status marked. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# Contract coverage\n\n").append(totals()).append("\n\n")
                .append("| Method | Path | Statuses exercised | Statuses not exercised |\n|---|---|---|---|\n");
        Map<String, List<Row>> byEndpoint = new TreeMap<>();
        rows.forEach(r -> byEndpoint.computeIfAbsent(r.path() + " " + r.method(), k -> new ArrayList<>()).add(r));
        byEndpoint.values().forEach(list -> md.append("| ").append(list.get(0).method()).append(" | ").append(list.get(0).path())
                .append(" | ").append(statuses(list, true)).append(" | ").append(statuses(list, false)).append(" |\n"));
        if (!undocumented.isEmpty()) {
            md.append("\nAnswers outside the contract's documented statuses (robustness probes, findings): ")
                    .append(String.join(", ", undocumented)).append("\n");
        }
        return md.toString();
    }

    /** Per endpoint and method ("GET /api/v1/users/{user_id}"): "200 (12), 404 (3); not exercised: 422". */
    public Map<String, String> byEndpoint() {
        Map<String, List<Row>> byEndpoint = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byEndpoint.computeIfAbsent(r.method() + " " + r.path(), k -> new ArrayList<>()).add(r));
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        byEndpoint.forEach((endpoint, list) -> {
            String missing = statuses(list, false);
            lines.put(endpoint, statuses(list, true) + (missing.equals("-") ? "" : "; not exercised: " + missing));
        });
        return lines;
    }

    private static String statuses(List<Row> rows, boolean exercised) {
        return rows.stream().filter(r -> r.exercised() == exercised)
                .map(r -> exercised ? r.status() + " (" + r.seen() + ")" : String.valueOf(r.status()))
                .reduce((a, b) -> a + ", " + b).orElse("-");
    }

    private static String percent(long part, long total) {
        return (total == 0 ? 0 : Math.round(100.0 * part / total)) + "%";
    }
}
