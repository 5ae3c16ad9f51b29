package io.mtapi.harness.parity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison's rules on hand-made recordings: what is normalised away, how steps align, how
 * outcomes are judged and when a latency ratio counts. Fast and exact; the runs against reference
 * targets are {@link ParitySelfTest}'s.
 */
@Tag("selftest")
@DisplayName("Parity comparison rules")
class ComparisonTest {

    private static final String TEST = "[engine:junit-jupiter]/[class:io.mtapi.harness.suites.X]/[method:t()]";
    private static final String USER = "{created_at:string,email:string,id:string}";
    private static final ParitySettings SETTINGS = new ParitySettings(1.5, Duration.ofMillis(50), 5, List.of());

    private final AtomicLong seq = new AtomicLong();

    @Test
    @DisplayName("Ids in paths, rate-limit counters and resets, file names and the order of a burst are normalised away")
    void runSpecificValuesAreNormalisedAway() {
        Side baseline = side("baseline", passed(), List.of(
                call("GET", "/api/v1/users/6f1c8a4e-7d0e-4c59-9a43-0b9f0c1d2e3f", 200, USER,
                        Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "9", "Content-Type", "application/json")),
                call("GET", "/api/v1/files/f-1", 200, JsonShape.NOT_JSON,
                        Map.of("Content-Disposition", "attachment; filename=\"a-run1.txt\"", "Content-Type", "text/plain")),
                burst("POST", "/api/v1/users", 201, USER), burst("POST", "/api/v1/users", 409, "{detail:string}"),
                call("GET", "/api/v1/users/u1", 429, "{detail:string}", Map.of("X-RateLimit-Reset", "1764580000",
                        "Retry-After", "3"))));
        Side candidate = side("candidate", passed(), List.of(
                call("GET", "/api/v1/users/0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70", 200, USER,
                        Map.of("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "3", "Content-Type", "application/json")),
                call("GET", "/api/v1/files/f-2", 200, JsonShape.NOT_JSON,
                        Map.of("Content-Disposition", "attachment; filename=\"a-run2.txt\"", "Content-Type", "text/plain")),
                burst("POST", "/api/v1/users", 409, "{detail:string}"), burst("POST", "/api/v1/users", 201, USER),
                call("GET", "/api/v1/users/u2", 429, "{detail:string}", Map.of("X-RateLimit-Reset", "1764580042",
                        "Retry-After", "1"))));

        assertThat(Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL).differences())
                .as("differences between two correct runs").isEmpty();
        assertThat(Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL.withoutNormalising()).differences())
                .as("differences compared as sent: the ids in the paths").extracting(Difference::aspect).contains(Difference.STEPS);
        Side sameIds = side("candidate", passed(), List.of(
                call("GET", "/api/v1/users/u1", 429, "{detail:string}", Map.of("X-RateLimit-Reset", "1764580042",
                        "X-RateLimit-Remaining", "3", "Retry-After", "1"))));
        Side sameIdsBaseline = side("baseline", passed(), List.of(
                call("GET", "/api/v1/users/u1", 429, "{detail:string}", Map.of("X-RateLimit-Reset", "1764580000",
                        "X-RateLimit-Remaining", "9", "Retry-After", "3"))));
        assertThat(Comparison.of(sameIdsBaseline, sameIds, SETTINGS, Comparison.Parts.ALL).differences()).isEmpty();
        assertThat(Comparison.of(sameIdsBaseline, sameIds, SETTINGS, Comparison.Parts.ALL.withoutNormalising()).differences())
                .as("differences compared as sent: the counters").extracting(Difference::aspect)
                .containsExactlyInAnyOrder("X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After");
    }

    @Test
    @DisplayName("A step only one side made is one step difference, and the steps after it still align")
    void anExtraStepIsOneDifference() {
        Side baseline = side("baseline", passed(), List.of(get("/api/v1/users", 200), get("/api/v1/files", 200),
                get("/health", 200)));
        Side candidate = side("candidate", passed(), List.of(get("/api/v1/users", 200), get("/api/v1/users", 200),
                get("/api/v1/files", 200), get("/health", 200)));

        List<Difference> differences = Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL).differences();

        assertThat(differences).hasSize(1);
        assertThat(differences.get(0).aspect()).isEqualTo(Difference.STEPS);
        assertThat(differences.get(0).changes()).containsExactly("(no such step) -> GET /api/v1/users 200");
    }

    @Test
    @DisplayName("Another status is one status difference: its body and headers follow from it")
    void aStatusDifferenceIsReportedAlone() {
        Side baseline = side("baseline", passed(), List.of(call("GET", "/api/v1/users/a", 404, "{detail:string}",
                Map.of("Content-Type", "application/json"))));
        Side candidate = side("candidate", failed(), List.of(call("GET", "/api/v1/users/b", 200, USER,
                Map.of("Content-Type", "application/json", "X-RateLimit-Limit", "10"))));

        ParityResult result = Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL);

        assertThat(result.differences()).singleElement().satisfies(d -> {
            assertThat(d.endpoint()).isEqualTo("GET /api/v1/users/{user_id}");
            assertThat(d.aspect()).isEqualTo("status");
            assertThat(d.changes()).containsExactly("404 -> 200");
        });
        assertThat(result.regressions()).hasSize(1);
    }

    @Test
    @DisplayName("A side that failed stopped there: the other side's later steps are not differences")
    void aFailedSideIsComparedUpToWhereItStopped() {
        Side baseline = side("baseline", passed(), List.of(get("/api/v1/users", 200), get("/api/v1/files", 200),
                get("/health", 200)));
        Side candidate = side("candidate", failed(), List.of(get("/api/v1/users", 200)));

        assertThat(Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL).differences()).isEmpty();
    }

    @Test
    @DisplayName("A retried 503, a recovery's check and a call without an answer are the harness's doings, not steps")
    void theHarnessOwnCallsAreNotSteps() {
        Exchange retried = call("GET", "/api/v1/users", 503, "{detail:string}", Map.of());
        Exchange check = new Exchange(seq.incrementAndGet(), TEST, false, 1, true, "GET", "/api/v1/files", 200, "{}", Map.of(), 1000);
        Side baseline = side("baseline", passed(), List.of(retried, get("/api/v1/users", 200), check));
        Side candidate = side("candidate", passed(), List.of(get("/api/v1/users", 200)));
        assertThat(Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL).differences()).isEmpty();

        Exchange lost = new Exchange(seq.incrementAndGet(), TEST, false, 1, false, "POST", "/api/v1/users", Exchange.NO_ANSWER,
                "(no answer)", Map.of(), 0);
        ParityResult withLostAnswer = Comparison.of(side("baseline", passed(), List.of(lost, get("/health", 200))),
                candidate, SETTINGS, Comparison.Parts.ALL);
        assertThat(withLostAnswer.differences()).isEmpty();
        assertThat(withLostAnswer.tests().get(0).note()).contains("no answer on the baseline: steps not compared");
    }

    @Test
    @DisplayName("Outcomes: regression, fixed, both fail, both pass; not judged kept apart; a known issue reported but not gating")
    void outcomesAreJudgedPerTest() {
        Map<String, Outcomes.Entry> b = Map.of("r", entry("r", TestVerdict.passed()), "f", entry("f", failedVerdict()),
                "bf", entry("bf", failedVerdict()), "bp", entry("bp", TestVerdict.passed()),
                "nj", entry("nj", TestVerdict.notJudged("Not judged: needs a member")), "k", entry("k", TestVerdict.passed()),
                "cf", entry("cf", TestVerdict.notJudged("Not judged: no secret")));
        Map<String, Outcomes.Entry> c = Map.of("r", entry("r", failedVerdict()), "f", entry("f", TestVerdict.passed()),
                "bf", entry("bf", failedVerdict()), "bp", entry("bp", TestVerdict.passed()), "nj", entry("nj", TestVerdict.passed()),
                "k", entry("k", new TestVerdict(TestVerdict.Outcome.KNOWN_ISSUE, "KNOWN ISSUE T-1 (...)")), "cf", entry("cf", failedVerdict()));

        ParityResult result = Comparison.of(side("baseline", b, List.of()), side("candidate", c, List.of()), SETTINGS,
                Comparison.Parts.ALL);

        assertThat(ids(result, TestComparison.Kind.REGRESSION)).containsExactlyInAnyOrder("r", "k");
        assertThat(ids(result, TestComparison.Kind.FIXED)).containsExactly("f");
        assertThat(ids(result, TestComparison.Kind.BOTH_FAIL)).containsExactly("bf");
        assertThat(ids(result, TestComparison.Kind.BOTH_PASS)).containsExactly("bp");
        assertThat(ids(result, TestComparison.Kind.NOT_JUDGED)).containsExactlyInAnyOrder("nj", "cf");
        assertThat(result.compared()).isEqualTo(5);
        assertThat(result.gateFailures()).containsExactlyInAnyOrder("regression: r",
                "failed on the candidate, not judged on the baseline: cf");
        assertThat(result.headline()).isEqualTo("Parity: 5 tests compared, 2 regressions, 1 fixed, 0 behaviour differences, "
                + "slowest endpoint ratio 1.00");
    }

    @Test
    @DisplayName("A latency ratio counts over enough calls, above the noise floor and above the baseline's p95, and fails the gate above the maximum")
    void latencyRatiosCountOnlyAboveNoise() {
        List<Exchange> base = new ArrayList<>();
        List<Exchange> cand = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            base.add(timed("GET", "/api/v1/users", 10 + i));     // 10..15 ms
            cand.add(timed("GET", "/api/v1/users", 200 + i));    // a clear shift of about 190 ms
            base.add(timed("GET", "/api/v1/files", 10 + i));
            cand.add(timed("GET", "/api/v1/files", 40 + i));     // 3x, but only 30 ms slower: below the 50 ms floor
            base.add(timed("POST", "/api/v1/users", i == 5 ? 900 : 100 + i));
            cand.add(timed("POST", "/api/v1/users", 300 + i));   // 3x and 200 ms slower, but inside the baseline's spread
        }
        for (int i = 0; i < 4; i++) {
            base.add(timed("GET", "/health", 5));
            cand.add(timed("GET", "/health", 500));            // four calls are no median
        }

        ParityResult result = Comparison.of(side("baseline", Map.of(), base), side("candidate", Map.of(), cand), SETTINGS,
                Comparison.Parts.ALL);

        assertThat(result.latency()).extracting(EndpointLatency::endpoint, EndpointLatency::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("GET /api/v1/files", EndpointLatency.Verdict.BELOW_NOISE_FLOOR),
                org.assertj.core.groups.Tuple.tuple("GET /api/v1/users", EndpointLatency.Verdict.SLOWER),
                org.assertj.core.groups.Tuple.tuple("GET /health", EndpointLatency.Verdict.TOO_FEW_CALLS),
                org.assertj.core.groups.Tuple.tuple("POST /api/v1/users", EndpointLatency.Verdict.WITHIN_BASELINE_SPREAD));
        assertThat(result.slowestRatio()).isGreaterThan(10);
        assertThat(result.gateFailures()).singleElement().asString().startsWith("slower endpoint: GET /api/v1/users");
    }

    @Test
    @DisplayName("An accepted difference does not fail the gate; an accepted one that did not show is listed as unused")
    void acceptedDifferences() {
        Side baseline = side("baseline", passed(), List.of(call("GET", "/api/v1/users", 401, "{detail:string}",
                Map.of("WWW-Authenticate", "Bearer"))));
        Side candidate = side("candidate", passed(), List.of(call("GET", "/api/v1/users", 401, "{detail:string}",
                Map.of("WWW-Authenticate", "Bearer realm=\"api\""))));
        AcceptedDifference realm = new AcceptedDifference("GET /api/v1/users", "WWW-Authenticate", Optional.empty(), "realm added");
        AcceptedDifference stale = new AcceptedDifference("*", "Allow", Optional.empty(), "old");

        ParityResult result = Comparison.of(baseline, candidate, new ParitySettings(1.5, Duration.ofMillis(50), 5,
                List.of(realm, stale)), Comparison.Parts.ALL);

        assertThat(result.differences()).singleElement().satisfies(d -> assertThat(d.acceptedBy()).contains(realm));
        assertThat(result.gateFailures()).isEmpty();
        assertThat(result.unusedAcceptances()).containsExactly(stale);
        assertThat(Comparison.of(baseline, candidate, SETTINGS, Comparison.Parts.ALL).gateFailures())
                .containsExactly("behaviour difference: GET /api/v1/users WWW-Authenticate");
    }

    @Test
    @DisplayName("Shapes keep keys and types, never values; paths outside the contract keep their literal segments")
    void shapesAndTemplates() {
        assertThat(JsonShape.of("application/json", "{\"id\":\"u1\",\"n\":1,\"x\":1.5,\"tags\":[\"a\",2],\"none\":null,\"ok\":true,\"e\":[]}"
                .getBytes())).isEqualTo("{e:[],id:string,n:integer,none:null,ok:boolean,tags:[integer|string],x:number}");
        assertThat(JsonShape.of("image/png", new byte[]{1})).isEqualTo(JsonShape.NOT_JSON);
        assertThat(JsonShape.of("application/json", new byte[0])).isEqualTo(JsonShape.EMPTY);
        assertThat(Steps.template("HEAD", "/api/v1/users/abc")).isEqualTo("/api/v1/users/{user_id}");
        assertThat(Steps.template("GET", "/api/v1/debug/6f1c8a4e-7d0e-4c59-9a43-0b9f0c1d2e3f/42"))
                .isEqualTo("/api/v1/debug/{id}/{id}");
        assertThat(Steps.header("Allow", "put, GET,DELETE")).isEqualTo("DELETE, GET, PUT");
        assertThat(Steps.header("Content-Type", "Multipart/Form-Data; boundary=x1")).isEqualTo("multipart/form-data");
    }

    private Exchange get(String path, int status) {
        return call("GET", path, status, "{}", Map.of());
    }

    private Exchange call(String method, String path, int status, String shape, Map<String, String> headers) {
        return new Exchange(seq.incrementAndGet(), TEST, false, 1, false, method, path, status, shape, headers, 1000);
    }

    private Exchange burst(String method, String path, int status, String shape) {
        return new Exchange(seq.incrementAndGet(), TEST, true, 100 + seq.get(), false, method, path, status, shape, Map.of(), 1000);
    }

    private Exchange timed(String method, String path, long millis) {
        return new Exchange(seq.incrementAndGet(), null, false, 1, false, method, path, 200, "{}", Map.of(), millis * 1000);
    }

    private static Side side(String role, Map<String, Outcomes.Entry> tests, List<Exchange> exchanges) {
        return new Side(role, tests, new Recording("http://" + role, "embedded", "1", exchanges), Optional.empty(), Map.of());
    }

    private static Map<String, Outcomes.Entry> passed() {
        return Map.of(TEST, entry(TestVerdict.passed()));
    }

    private static Map<String, Outcomes.Entry> failed() {
        return Map.of(TEST, entry(failedVerdict()));
    }

    private static TestVerdict failedVerdict() {
        return new TestVerdict(TestVerdict.Outcome.FAILED, "tenant B read tenant A's user (expected 404, got 200)");
    }

    private static Outcomes.Entry entry(TestVerdict verdict) {
        return entry("X: t", verdict);
    }

    private static Outcomes.Entry entry(String name, TestVerdict verdict) {
        return new Outcomes.Entry(name, verdict);
    }

    private static List<String> ids(ParityResult result, TestComparison.Kind kind) {
        return result.of(kind).stream().map(TestComparison::id).toList();
    }
}
