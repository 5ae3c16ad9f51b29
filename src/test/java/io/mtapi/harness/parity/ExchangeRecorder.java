package io.mtapi.harness.parity;

import io.mtapi.harness.http.Retries;
import io.mtapi.harness.http.WireTime;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Records every exchange of a parity run's side ({@link Exchange}): innermost of the filters, so it
 * sees each attempt of a retried call and none of the pacer's waits; the time is the HTTP client's
 * time to first byte ({@link WireTime}), so the harness's own work is not in it either. The test a call
 * belongs to comes from {@link ExchangeAttribution}, which marks the thread running a test's body (and
 * the threads that body starts) for as long as the body runs; set-up and clean-up belong to no test.
 *
 * <p>Registered where the session builds its specifications, only on a parity run
 * ({@link #forRun}); the recording is written when the session closes.
 */
public final class ExchangeRecorder implements OrderedFilter {

    /** Configuration parameter naming the file to record into (set for the baseline side). */
    public static final String RECORDING_PROPERTY = "parity.recording";

    /** The headers a client reads, by lower-case name; X-RateLimit-* are recorded too, all of them. */
    private static final Map<String, String> CANONICAL = Map.of("content-type", "Content-Type",
            "www-authenticate", "WWW-Authenticate", "allow", "Allow", "content-disposition", "Content-Disposition",
            "retry-after", "Retry-After");
    private static final String RATE_LIMIT_PREFIX = "x-ratelimit-";

    private static final InheritableThreadLocal<Scope> SCOPE = new InheritableThreadLocal<>();

    private final Path file;
    private final Retries retries;
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

    ExchangeRecorder(Path file, Retries retries) {
        this.file = file;
        this.retries = retries;
    }

    /**
     * The recorder of a session, when this run is a side of a parity run: the baseline side names its
     * file ({@value #RECORDING_PROPERTY}); the candidate side records into
     * {@code <outputDir>/parity/candidate/recording.json} whenever a baseline is configured.
     */
    public static Optional<ExchangeRecorder> forRun(Function<String, Optional<String>> properties, Path outputDir,
                                                    Retries retries) {
        return recordingFile(properties, outputDir).map(file -> new ExchangeRecorder(file, retries));
    }

    static Optional<Path> recordingFile(Function<String, Optional<String>> properties, Path outputDir) {
        Optional<Path> named = properties.apply(RECORDING_PROPERTY).filter(p -> !p.isBlank()).map(Path::of);
        if (named.isPresent()) {
            return named;
        }
        return Baseline.configured(properties) ? Optional.of(candidateRecording(outputDir)) : Optional.empty();
    }

    static Path candidateRecording(Path outputDir) {
        return outputDir.resolve("parity").resolve("candidate").resolve(Recording.FILE);
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Scope scope = SCOPE.get();
        String test = scope != null && scope.open.get() ? scope.test : null;
        boolean concurrent = test != null && Thread.currentThread() != scope.owner;
        boolean check = retries != null && retries.checking();
        String path = pathOf(request.getURI());
        long start = System.nanoTime();
        WireTime.takeMicros(); // an earlier request's, never read
        Response response;
        try {
            response = context.next(request, responseSpec);
        } catch (RuntimeException | Error e) {
            add(test, concurrent, check, request.getMethod(), path, Exchange.NO_ANSWER, "(no answer)", Map.of(), 0);
            throw e;
        }
        long micros = WireTime.takeMicros().orElse((System.nanoTime() - start) / 1000);
        add(test, concurrent, check, request.getMethod(), path, response.statusCode(),
                JsonShape.of(response.getContentType(), response.asByteArray()), headers(response), micros);
        return response;
    }

    /** The raw path of a URI as sent; a probe's malformed URI is cut at its query instead of failing the call. */
    private static String pathOf(String uri) {
        try {
            return URI.create(uri).getRawPath();
        } catch (IllegalArgumentException e) {
            String afterHost = uri.replaceFirst("^[a-zA-Z]+://[^/]*", "");
            int query = afterHost.indexOf('?');
            return query < 0 ? afterHost : afterHost.substring(0, query);
        }
    }

    private void add(String test, boolean concurrent, boolean check, String method, String path, int status,
                     String shape, Map<String, String> headers, long micros) {
        exchanges.add(new Exchange(seq.incrementAndGet(), test, concurrent, Thread.currentThread().getId(), check,
                method, path, status, shape, headers, micros));
    }

    private static Map<String, String> headers(Response response) {
        Map<String, String> relied = new TreeMap<>();
        for (Header header : response.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            String canonical = CANONICAL.get(name);
            if (canonical == null && name.startsWith(RATE_LIMIT_PREFIX)) {
                canonical = "X-RateLimit-" + capitalised(name.substring(RATE_LIMIT_PREFIX.length()));
            }
            if (canonical != null) {
                relied.merge(canonical, header.getValue(), (a, b) -> a + ", " + b);
            }
        }
        return relied;
    }

    /** "reset-after" is "Reset-After". */
    private static String capitalised(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-", -1)) {
            out.append(out.length() == 0 ? "" : "-")
                    .append(part.isEmpty() ? "" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    @Override
    public int getOrder() {
        // Innermost, inside the ledger: the time measured is the wire's.
        return Integer.MAX_VALUE;
    }

    /** Writes what was recorded; called once, when the session closes. */
    public void write(URI baseUrl, String env, String version) {
        List<Exchange> sorted = exchanges.stream().sorted(java.util.Comparator.comparingLong(Exchange::seq)).toList();
        new Recording(baseUrl.toString(), env, version, sorted).write(file);
    }

    /**
     * Attributes the calls of this thread, and of the threads it starts, to a test until the returned
     * scope is closed. Calls on threads the body started count as concurrent.
     */
    static Scope attributeTo(String testId) {
        Scope scope = new Scope(testId, Thread.currentThread(), new AtomicBoolean(true));
        SCOPE.set(scope);
        return scope;
    }

    /** This thread works for no test (a class's set-up): forget a scope inherited from another thread. */
    static void attributeToNone() {
        SCOPE.remove();
    }

    /** The test a thread's calls belong to, while its body runs. */
    record Scope(String test, Thread owner, AtomicBoolean open) implements AutoCloseable {
        @Override
        public void close() {
            open.set(false);
            if (Thread.currentThread() == owner) {
                SCOPE.remove();
            }
        }
    }
}
