package io.mtapi.harness.http;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
    private final LongAdder provokedTooManyRequests = new LongAdder();
    private final Map<String, LongAdder> hashesByOwner = new ConcurrentHashMap<>();

    /** The test class the current thread works for; set by the fixtures, read when counting. */
    private static final ThreadLocal<String> OWNER = new InheritableThreadLocal<>();

    /** Attributes this thread's next requests to a test class (fixture set-up included). */
    public static void workingFor(String testClass) {
        OWNER.set(testClass);
    }

    /** Fastest successful login and fastest answered read, in nanoseconds: what one hash costs the target. */
    private final AtomicLong fastestLogin = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong fastestRead = new AtomicLong(Long.MAX_VALUE);

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        long sent = System.nanoTime();
        Response response = context.next(request, responseSpec);
        long took = System.nanoTime() - sent;
        total.increment();
        if (response.statusCode() == 429) {
            (context.hasValue(ExpectsTooManyRequests.KEY) || deliberate(request)
                    ? provokedTooManyRequests : tooManyRequests).increment();
        }
        String path = URI.create(request.getURI()).getRawPath();
        int hashes = hashes(request.getMethod(), path, response);
        if (hashes > 0) {
            hashesByOwner.computeIfAbsent(Objects.requireNonNullElse(OWNER.get(), "(run)"), k -> new LongAdder()).add(hashes);
        }
        String key = request.getMethod() + " " + path + " " + response.statusCode();
        byEndpointAndStatus.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (response.statusCode() == 200 && "POST".equals(request.getMethod()) && path.equals("/auth/login")) {
            fastestLogin.accumulateAndGet(took, Math::min);
        } else if (response.statusCode() == 200 && "GET".equals(request.getMethod()) && path.startsWith("/api/v1/")) {
            fastestRead.accumulateAndGet(took, Math::min);
        }
        return response;
    }

    /**
     * What one password hash costs the target, as measured from outside: the fastest successful login
     * (a hash and the rest of a call) less the fastest answered read (the rest of a call). The fastest,
     * not the typical: a busy target queues calls, and the queue is not the hash's cost. Empty before a
     * login and a read were answered.
     */
    public Optional<Duration> measuredHashCost() {
        long login = fastestLogin.get();
        long read = fastestRead.get();
        if (login == Long.MAX_VALUE || read == Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, login - read)));
    }

    @Override
    public int getOrder() {
        // Innermost: counts what really went over the wire.
        return Integer.MAX_VALUE - 1;
    }

    /**
     * Password hashes (bcrypt hash or verify) a call cost the target: a registration or a
     * user creation that succeeded (one per created user, bulk items included), and a
     * login that reached the credential check (200, 401, 403). Rejected input (400, 409,
     * 422) and refused calls (429) are answered before any hashing.
     */
    private static int hashes(String method, String path, Response response) {
        if (!"POST".equals(method)) {
            return 0;
        }
        int status = response.statusCode();
        return switch (path) {
            case "/auth/register", "/api/v1/users" -> status == 201 ? 1 : 0;
            case "/api/v1/users/bulk" -> status == 201 ? bulkSize(response) : 0;
            case "/auth/login" -> status == 200 || status == 401 || status == 403 ? 1 : 0;
            default -> 0;
        };
    }

    private static int bulkSize(Response response) {
        try {
            return response.jsonPath().getList("$").size();
        } catch (RuntimeException e) {
            return 0; // not an array: the schema check reports it
        }
    }

    /**
     * Calls that cost the target a password hash: successful registrations, logins that
     * reached the credential check and created users (bulk items included), about 0.25 s
     * of server CPU each at bcrypt cost 12.
     */
    public long hashCostingCalls() {
        return hashesByOwner.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Hash-costing calls per test class (fixture set-up and clean-up included), largest first. */
    public Map<String, Long> hashCostingCallsByClass() {
        Map<String, Long> snapshot = new java.util.LinkedHashMap<>();
        hashesByOwner.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(java.util.Comparator.comparingLong(LongAdder::sum)).reversed())
                .forEach(e -> snapshot.put(e.getKey(), e.getValue().sum()));
        return snapshot;
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
