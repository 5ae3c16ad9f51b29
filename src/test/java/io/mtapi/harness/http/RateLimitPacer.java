package io.mtapi.harness.http;

import com.nimbusds.jwt.JWTParser;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.awaitility.Awaitility;

import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A client-side mirror of the target's rate limit (CONTRACT.md section 7): per user and
 * per method + concrete path, at most {@code budget} requests in any {@code window}.
 * A request that would exceed it waits for a slot instead of earning a 429, so a test
 * that is not about rate limits is never failed by one. The rate-limit suite uses
 * unpaced specifications.
 *
 * <p>A slot is held from the moment a request is sent and counted from the moment its
 * response arrived: the target stamped it in between, so the mirror never frees a slot
 * before the target does.
 */
public final class RateLimitPacer implements OrderedFilter {

    private static final Duration CLOCK_MARGIN = Duration.ofMillis(50);

    private final int budget;
    private final long windowMillis;
    private final Map<String, List<AtomicLong>> slots = new ConcurrentHashMap<>();
    private final Map<String, String> subjects = new ConcurrentHashMap<>();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitedMillis = new LongAdder();
    private final LongAdder pacedTooManyRequests = new LongAdder();
    private final Map<String, LongAdder> waitsByCall = new ConcurrentHashMap<>();
    /** Calls sent per "user:ID METHOD /path" since the run began, windows aside: what a class spent while it held a user. */
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();

    public RateLimitPacer(int budget, Duration window) {
        this.budget = budget;
        this.windowMillis = window.plus(CLOCK_MARGIN).toMillis();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        String authorization = request.getHeaders().getValue("Authorization");
        String path = URI.create(request.getURI()).getRawPath();
        if (authorization == null || !path.startsWith("/api/v1/") && !path.equals("/api/v1")) {
            return context.next(request, responseSpec);
        }
        AtomicLong slot = acquire(subject(authorization), request.getMethod() + " " + path);
        try {
            Response response = context.next(request, responseSpec);
            if (response.statusCode() == 429) {
                // Paced calls are the ones outside the rate-limit suite: a 429 here is a finding.
                pacedTooManyRequests.increment();
            }
            return response;
        } finally {
            slot.set(System.currentTimeMillis());
        }
    }

    @Override
    public int getOrder() {
        // Outside the Allure filter and the ledger: a wait happens before anything is recorded.
        return Integer.MAX_VALUE - 3;
    }

    /** How many requests had to wait for a slot. */
    public long waits() {
        return waits.sum();
    }

    /** 429s answered to paced calls, i.e. outside the rate-limit suite: expected 0. */
    public long tooManyRequestsDespitePacing() {
        return pacedTooManyRequests.sum();
    }

    public Duration waited() {
        return Duration.ofMillis(waitedMillis.sum());
    }

    /**
     * The most slots any one budget (method + path) of the user holds right now: how much
     * of its rate limit a borrower of this user would find spent.
     */
    public int slotsInUse(String userId) {
        return slotsInUse(userId, call -> true);
    }

    /**
     * The most slots any one budget of the user holds right now, among the calls ("METHOD /path") that
     * {@code counted} accepts: a pool of users asks only about the budgets its next borrower could spend.
     */
    public int slotsInUse(String userId, Predicate<String> counted) {
        long now = System.currentTimeMillis();
        String prefix = "user:" + userId + " ";
        int busiest = 0;
        for (Map.Entry<String, List<AtomicLong>> entry : slots.entrySet()) {
            if (entry.getKey().startsWith(prefix) && counted.test(entry.getKey().substring(prefix.length()))) {
                List<AtomicLong> log = entry.getValue();
                synchronized (log) {
                    busiest = Math.max(busiest, (int) log.stream()
                            .filter(stamp -> stamp.get() == Long.MAX_VALUE || stamp.get() + windowMillis > now).count());
                }
            }
        }
        return busiest;
    }

    /** Paced calls the user sent so far, per "METHOD /path", whatever the window: a snapshot to compare with a later one. */
    public Map<String, Long> callsSent(String userId) {
        String prefix = "user:" + userId + " ";
        Map<String, Long> snapshot = new java.util.HashMap<>();
        sent.forEach((key, n) -> {
            if (key.startsWith(prefix)) {
                snapshot.put(key.substring(prefix.length()), n.sum());
            }
        });
        return snapshot;
    }

    /** Waits per "METHOD /path": where a run met its own pacing, to spread those calls over more users. */
    public Map<String, Long> waitsByCall() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        waitsByCall.forEach((call, n) -> snapshot.put(call, n.sum()));
        return snapshot;
    }

    private AtomicLong acquire(String subject, String call) {
        String key = subject + " " + call;
        sent.computeIfAbsent(key, k -> new LongAdder()).increment();
        List<AtomicLong> log = slots.computeIfAbsent(key, k -> new ArrayList<>());
        AtomicLong[] taken = new AtomicLong[1];
        if (tryTake(log, taken)) {
            return taken[0];
        }
        long start = System.nanoTime();
        waits.increment();
        waitsByCall.computeIfAbsent(call, k -> new LongAdder()).increment();
        Awaitility.await("a rate-limit slot for " + key)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25))
                .atMost(Duration.ofMillis(windowMillis * 3))
                .until(() -> tryTake(log, taken));
        waitedMillis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
        return taken[0];
    }

    private boolean tryTake(List<AtomicLong> log, AtomicLong[] taken) {
        long now = System.currentTimeMillis();
        synchronized (log) {
            // In-flight requests hold Long.MAX_VALUE and never expire until they complete.
            log.removeIf(stamp -> stamp.get() != Long.MAX_VALUE && stamp.get() + windowMillis <= now);
            if (log.size() >= budget) {
                return false;
            }
            taken[0] = new AtomicLong(Long.MAX_VALUE);
            log.add(taken[0]);
            return true;
        }
    }

    /** The target counts per user: the token's user_id claim, or the raw header if it is no JWT. */
    private String subject(String authorization) {
        return subjects.computeIfAbsent(authorization, header -> {
            String token = header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : header;
            try {
                Object userId = JWTParser.parse(token).getJWTClaimsSet().getClaim("user_id");
                return userId == null ? header : "user:" + userId;
            } catch (ParseException e) {
                return header;
            }
        });
    }
}
