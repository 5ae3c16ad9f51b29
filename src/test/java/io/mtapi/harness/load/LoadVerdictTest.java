package io.mtapi.harness.load;

import com.typesafe.config.ConfigFactory;
import io.mtapi.harness.load.LoadVerdict.Breach;
import io.mtapi.harness.load.LoadVerdict.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The load tier judges a run per endpoint, the way README documents, with stable first lines. */
@Tag("selftest")
@DisplayName("Load verdict")
class LoadVerdictTest {

    private static final String GET_USER = Endpoint.GET_USER.requestName();
    private static final String UPLOAD = Endpoint.UPLOAD_FILE.requestName();
    private static final String PLAN = "2 tenants x 2 callers";

    /** Thresholds as a config would set them: p95 300 ms, p99 1 s, errors 1%, throughput 80%; upload p95 800 ms. */
    private static final LoadSettings SETTINGS = LoadSettings.from("stage", Workload.STEADY, ConfigFactory.parseString("""
            api.rateLimit { budget = 10, window = 60s }
            load {
              budgetShare = 0.5
              provisioningParallelism = 4
              steady { tenants = 2, callersPerTenant = 2, dataUsersPerTenant = 4, rampUp = 1s, duration = 10s, refreshEvery = 5 }
              thresholds { p95 = 300ms, p99 = 1s, errorRate = 1.0, throughput = 0.8, endpoints { uploadFile { p95 = 800ms } } }
              regression { tolerancePercent = 20, noiseFloor = 10ms, baselineDir = "load/baseline" }
            }
            """), Path.of("."));

    private static final LoadRun RUN = new LoadRun("steady", "stage", "run1", "https://stage.example.com", "2.4.0", PLAN, 4,
            Map.of(GET_USER, 10.0, UPLOAD, 10.0), 1200, 800, List.of(), true, false, null);

    private static EndpointResult result(String name, long p95, long p99) {
        return new EndpointResult(name, 200, 0, 0, 0, p95, p99, 10.0);
    }

    @Test
    void endpointsWithinTheirThresholdsPass() {
        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN,
                List.of(result(GET_USER, 120, 400), result(UPLOAD, 700, 900)), Optional.empty());

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.summary()).contains("PASS (exit 0)", GET_USER, "no baseline for steady");
    }

    @Test
    void p95AboveItsThresholdFailsNamingTheEndpointWithAStableFirstLine() {
        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN,
                List.of(result(GET_USER, 412, 500), result(UPLOAD, 700, 900)), Optional.empty());

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.breaches()).extracting(Breach::claim)
                .containsExactly("GET /api/v1/users/{id}: p95 latency above its threshold of 300 ms");
        assertThat(verdict.breaches().get(0).evidence()).isEqualTo("p95 412 ms over 200 requests");
    }

    @Test
    void tooManyRequestsAreCountedApartFromTheErrorRateAndEachOneFails() {
        EndpointResult throttled = new EndpointResult(GET_USER, 200, 0, 1, 0, 50, 90, 10.0);

        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(throttled, result(UPLOAD, 100, 200)), Optional.empty());

        assertThat(throttled.errorRatePercent()).isZero();
        assertThat(verdict.breaches()).extracting(Breach::claim)
                .containsExactly("GET /api/v1/users/{id}: 429 Too Many Requests on paced calls (expected 0)");
    }

    @Test
    void unexpectedStatusesAndUnansweredRequestsMakeTheErrorRate() {
        EndpointResult failing = new EndpointResult(UPLOAD, 200, 3, 0, 1, 100, 200, 10.0);

        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(result(GET_USER, 50, 90), failing), Optional.empty());

        assertThat(verdict.breaches()).extracting(Breach::claim)
                .containsExactly("POST /api/v1/files/upload: error rate above its threshold of 1%");
        assertThat(verdict.breaches().get(0).evidence()).startsWith("2%: 3 answer(s) the scenario did not expect, 1 without an answer");
    }

    @Test
    void throughputBelowItsShareOfThePlanFails() {
        EndpointResult slow = new EndpointResult(GET_USER, 100, 0, 0, 0, 50, 90, 7.9);

        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(slow, result(UPLOAD, 100, 200)), Optional.empty());

        assertThat(verdict.breaches()).extracting(Breach::claim)
                .containsExactly("GET /api/v1/users/{id}: throughput below 80% of the plan");
    }

    @Test
    void aRegressionMustExceedBothTheToleranceAndTheNoiseFloor() {
        Baseline.Recorded before = new Baseline.Recorded("2026-11-30T10:00:00Z", "run0", "2.3.0", PLAN,
                Map.of(GET_USER, new Baseline.Figures(200, 100, 200, 10.0), UPLOAD, new Baseline.Figures(200, 20, 40, 10.0)));

        // GET: +25% and +25 ms: a regression. Upload: +50% but +10 ms: noise.
        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN,
                List.of(result(GET_USER, 125, 200), result(UPLOAD, 30, 50)), Optional.of(before));

        assertThat(verdict.breaches()).extracting(Breach::claim)
                .containsExactly("GET /api/v1/users/{id}: p95 latency regressed more than 20% against the baseline");
        assertThat(verdict.breaches().get(0).evidence()).isEqualTo("p95 125 ms, baseline 100 ms (+25%; allowed up to 120 ms)");
        assertThat(verdict.summary()).contains("100 ms (+25%)");
    }

    @Test
    void aBaselineOfAnotherPlanIsNotComparedAndSaysSo() {
        Baseline.Recorded other = new Baseline.Recorded("2026-11-30T10:00:00Z", "run0", "2.3.0", "20 tenants x 5 callers",
                Map.of(GET_USER, new Baseline.Figures(200, 10, 20, 10.0)));

        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(result(GET_USER, 200, 300), result(UPLOAD, 100, 200)),
                Optional.of(other));

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASS);
        assertThat(verdict.summary()).contains("recorded with another plan", "regression not judged");
    }

    @Test
    void aTargetThatStopsAnsweringIsBrokenNotSlow() {
        EndpointResult gone = new EndpointResult(GET_USER, 200, 0, 0, 150, 5, 10, 10.0);

        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(gone), Optional.empty());

        assertThat(verdict.outcome()).isEqualTo(Outcome.BROKEN);
        assertThat(verdict.summary()).contains("BROKEN (exit 2): the target stopped answering: 150 of 200 requests");
    }

    @Test
    void aPlannedEndpointThatNeverRanIsABreach() {
        LoadVerdict verdict = LoadVerdict.judge(SETTINGS, RUN, List.of(result(GET_USER, 50, 90)), Optional.empty());

        assertThat(verdict.breaches()).extracting(Breach::claim).containsExactly("POST /api/v1/files/upload: planned but never sent");
    }

    @Test
    void aRecordedBaselineKeepsTheOtherWorkloads() {
        Baseline.Recorded spike = new Baseline.Recorded("2026-11-30T10:00:00Z", "run0", "2.3.0", "spike plan", Map.of());
        Baseline baseline = new Baseline("stage", Map.of("spike", spike))
                .with(Workload.STEADY, Baseline.recorded("2026-12-01T10:00:00Z", RUN, List.of(result(GET_USER, 50, 90))));

        assertThat(baseline.of(Workload.SPIKE)).contains(spike);
        assertThat(baseline.of(Workload.STEADY).orElseThrow().endpoints().get(GET_USER).p95Millis()).isEqualTo(50);
        assertThat(baseline.of(Workload.STEADY).orElseThrow().plan()).isEqualTo(PLAN);
    }
}
