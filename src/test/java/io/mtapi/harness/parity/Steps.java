package io.mtapi.harness.parity;

import io.mtapi.harness.checks.ContractOperations;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a test's recorded exchanges into the steps that are compared, normalising away what differs
 * between two correct runs of the same deployment:
 * <ul>
 *   <li>ids in paths: the path becomes its template in the contract ({@code /api/v1/users/{user_id}});
 *       a path outside the contract has its id-like segments (UUIDs, numbers, long tokens) replaced by
 *       {@code {id}};</li>
 *   <li>body values: only the shape is recorded (keys and types), so ids, timestamps, generated names and
 *       tokens never reach the comparison;</li>
 *   <li>header values that count or tell time: {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}
 *       become {@code <integer>}, {@code Retry-After} {@code <seconds>} or {@code <http-date>};
 *       {@code Content-Disposition} keeps its type only (the file name is generated); {@code Allow} is
 *       sorted; {@code Content-Type} is lower-cased, without a multipart boundary;</li>
 *   <li>order within a burst: calls a test made on threads of its own (races, bursts) are sorted, since
 *       their order of arrival is the scheduler's;</li>
 *   <li>the harness's own doings: an attempt answered 502/503/504 that the same thread sent again at once
 *       (a retry), and the calls of a recovery's check after a lost answer.</li>
 * </ul>
 * With normalisation off ({@link #raw}) paths and header values stay as sent: two runs never compare
 * equal then, which is how the self-tests show that equality comes from normalising and from nothing
 * else.
 */
final class Steps {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern INTEGER = Pattern.compile("\\s*-?\\d+\\s*");
    private static final int LONG_TOKEN = 24;
    private static final List<String> TEMPLATE_METHODS = List.of("GET", "POST", "PUT", "DELETE");

    private final boolean normalise;

    private Steps(boolean normalise) {
        this.normalise = normalise;
    }

    static Steps normalised() {
        return new Steps(true);
    }

    static Steps raw() {
        return new Steps(false);
    }

    /** The steps of one test's exchanges (already in order of arrival). */
    List<Step> of(List<Exchange> exchanges) {
        List<Exchange> kept = withoutHarnessDoings(exchanges);
        List<Step> steps = new ArrayList<>();
        List<Step> burst = new ArrayList<>();
        for (Exchange exchange : kept) {
            Step step = step(exchange);
            if (exchange.concurrent()) {
                burst.add(step);
                continue;
            }
            flush(burst, steps);
            steps.add(step);
        }
        flush(burst, steps);
        return steps;
    }

    private void flush(List<Step> burst, List<Step> steps) {
        if (normalise) {
            burst.sort(Comparator.comparing(Step::signature));
        }
        steps.addAll(burst);
        burst.clear();
    }

    /** Drops recovery checks, and attempts that were retried at once on the same thread. */
    private static List<Exchange> withoutHarnessDoings(List<Exchange> exchanges) {
        List<Exchange> kept = new ArrayList<>();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            if (e.check() || retried(e, exchanges.subList(i + 1, exchanges.size()))) {
                continue;
            }
            kept.add(e);
        }
        return kept;
    }

    private static boolean retried(Exchange e, List<Exchange> later) {
        if (e.status() != 502 && e.status() != 503 && e.status() != 504) {
            return false;
        }
        return later.stream().filter(next -> next.thread() == e.thread()).findFirst()
                .filter(next -> next.requestLine().equals(e.requestLine())).isPresent();
    }

    Step step(Exchange e) {
        return new Step(e.method() + " " + (normalise ? template(e.method(), e.path()) : e.path()), e.status(), e.shape(),
                normalise ? headers(e.headers()) : e.headers());
    }

    /** The path's template in the contract, else the path with its id-like segments replaced. */
    static String template(String method, String path) {
        Optional<ContractOperations.Operation> operation = ContractOperations.match(method, path);
        for (int i = 0; operation.isEmpty() && i < TEMPLATE_METHODS.size(); i++) {
            operation = ContractOperations.match(TEMPLATE_METHODS.get(i), path); // HEAD, OPTIONS, PATCH on a documented path
        }
        return operation.map(ContractOperations.Operation::pathTemplate).orElseGet(() -> Arrays.stream(path.split("/", -1))
                .map(segment -> UUID.matcher(segment).matches() || NUMBER.matcher(segment).matches()
                        || segment.length() >= LONG_TOKEN ? "{id}" : segment)
                .collect(Collectors.joining("/")));
    }

    static Map<String, String> headers(Map<String, String> raw) {
        Map<String, String> normalised = new TreeMap<>();
        raw.forEach((name, value) -> normalised.put(name, header(name, value)));
        return normalised;
    }

    static String header(String name, String value) {
        return switch (name) {
            case "Content-Type" -> Arrays.stream(value.toLowerCase(Locale.ROOT).split(";"))
                    .map(String::trim).filter(p -> !p.isEmpty() && !p.startsWith("boundary="))
                    .collect(Collectors.joining("; "));
            case "Content-Disposition" -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            case "Allow" -> Arrays.stream(value.split(",")).map(m -> m.trim().toUpperCase(Locale.ROOT))
                    .filter(m -> !m.isEmpty()).sorted().distinct().collect(Collectors.joining(", "));
            case "WWW-Authenticate" -> value.trim().replaceAll("\\s+", " ");
            case "Retry-After" -> INTEGER.matcher(value).matches() ? "<seconds>" : httpDate(value) ? "<http-date>" : value.trim();
            case "X-RateLimit-Limit" -> value.trim();
            default -> name.startsWith("X-RateLimit-") && INTEGER.matcher(value).matches() ? "<integer>" : value.trim();
        };
    }

    private static boolean httpDate(String value) {
        try {
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The exchanges of each test, in order of arrival; calls outside any test body are left out. */
    static Map<String, List<Exchange>> byTest(List<Exchange> exchanges) {
        Map<String, List<Exchange>> byTest = new LinkedHashMap<>();
        exchanges.stream().filter(e -> e.test() != null)
                .forEach(e -> byTest.computeIfAbsent(e.test(), k -> new ArrayList<>()).add(e));
        return byTest;
    }
}
