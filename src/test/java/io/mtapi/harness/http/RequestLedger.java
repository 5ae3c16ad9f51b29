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
    private final LongAdder deliberateTooManyRequests = new LongAdder();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        total.increment();
        if (response.statusCode() == 429) {
            (deliberate(request) ? deliberateTooManyRequests : tooManyRequests).increment();
        }
        String key = request.getMethod() + " " + URI.create(request.getURI()).getRawPath() + " " + response.statusCode();
        byEndpointAndStatus.computeIfAbsent(key, k -> new LongAdder()).increment();
        return response;
    }

    @Override
    public int getOrder() {
        // Innermost: counts what really went over the wire.
        return Integer.MAX_VALUE - 1;
    }

    public long total() {
        return total.sum();
    }

    /** 429s met by paced (or anonymous) requests: each one is a test that the rate limit disturbed. */
    public long tooManyRequests() {
        return tooManyRequests.sum();
    }

    /** 429s met by authenticated unpaced requests: the rate-limit suite reaching the limit on purpose. */
    public long deliberateTooManyRequests() {
        return deliberateTooManyRequests.sum();
    }

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
