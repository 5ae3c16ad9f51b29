package io.mtapi.harness.matrix;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrix itself can fail: a fault that changes nothing observable is reported as missed, by name. */
@Tag("selftest")
@DisplayName("Fault matrix sensitivity")
class FaultMatrixSensitivityTest {

    @Test
    @DisplayName("A fault that changes nothing observable is reported as missed, by name")
    void inertFaultIsReportedMissed() {
        FaultCase inert = new FaultCase("INERT_PROBE", "tenant_isolation", Set.of(),
                "switches nothing on: no suite can see it");

        FaultMatrix.Result result = new FaultMatrix(1).run(List.of(inert));

        assertThat(result.rows()).hasSize(1);
        assertThat(result.rows().get(0).outcome().testsRun()).as("tests the inert case ran").isPositive();
        assertThat(result.missed()).extracting(row -> row.fault().name()).containsExactly("INERT_PROBE");
        assertThat(result.score()).isEqualTo("0/1 (0%)");
        assertThat(result.markdown()).contains("| INERT_PROBE | tenant_isolation |").contains("**MISSED**");
    }
}
