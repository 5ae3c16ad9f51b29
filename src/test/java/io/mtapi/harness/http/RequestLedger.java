package io.mtapi.harness.http;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every request a run sends, by method, concrete path shape and status,
 * so a run can say what it cost the target and whether it met a rate limit.
 * One ledger per target session; thread-safe.
 */
public final class RequestLedger implements OrderedFilter {

    private final Map<String, LongAdder> byEndpointAndStatus = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder usersCreated = new LongAdder();
    private final LongAdder provokedTooManyRequests = new LongAdder();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        total.increment();
        if (response.statusCode() == 429) {
            (context.hasValue(ExpectsTooManyRequests.KEY) || deliberate(request)
                    ? provokedTooManyRequests : tooManyRequests).increment();
        }
        String path = URI.create(request.getURI()).getRawPath();
        if ("POST".equals(request.getMethod()) && response.statusCode() == 201) {
            if (path.equals("/api/v1/users")) {
                usersCreated.increment();
            } else if (path.equals("/api/v1/users/bulk")) {
                usersCreated.add(bulkSize(response));
            }
        }
        String key = request.getMethod() + " " + path + " " + response.statusCode();
        byEndpointAndStatus.computeIfAbsent(key, k -> new LongAdder()).increment();
        return response;
    }

    @Override
    public int getOrder() {
        // Innermost: counts what really went over the wire.
        return Integer.MAX_VALUE - 1;
    }

    private static int bulkSize(Response response) {
        try {
            return response.jsonPath().getList("$").size();
        } catch (RuntimeException e) {
            return 0; // not an array: the schema check reports it
        }
    }

    /**
     * Calls that cost the target a password hash: registrations, logins and created
     * users (bulk items included), about 0.25 s of server CPU each at bcrypt cost 12.
     */
    public long hashCostingCalls() {
        return count("POST /auth/register") + count("POST /auth/login") + usersCreated.sum();
    }

    public long total() {
        return total.sum();
    }

    /** 429s that no test asked for (paced or anonymous calls): each one is a test the rate limit disturbed. */
    public long tooManyRequests() {
        return tooManyRequests.sum();
    }

    /** 429s to requests that were after one: the rate-limit suite's unpaced callers, throttling probes. */
    public long provokedTooManyRequests() {
        return provokedTooManyRequests.sum();
    }

    /** Authenticated requests without the pacer: only the rate-limit suite sends them, to reach the limit. */
    private static boolean deliberate(FilterableRequestSpecification request) {
        return request.getHeaders().hasHeaderWithName("Authorization")
                && request.getDefinedFilters().stream().noneMatch(RateLimitPacer.class::isInstance);
    }

    /** "METHOD /concrete/path STATUS" to count, sorted. */
    public Map<String, Long> byEndpointAndStatus() {
        Map<String, Long> snapshot = new TreeMap<>();
        byEndpointAndStatus.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }

    /** Requests whose path starts with the given prefix, e.g. "POST /auth/login". */
    public long count(String methodAndPathPrefix) {
        return byEndpointAndStatus.entrySet().stream()
                .filter(e -> e.getKey().startsWith(methodAndPathPrefix))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }
}
