package io.mtapi.harness.load;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.mtapi.harness.config.HarnessConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pacing keeps every caller inside its rate-limit budgets; thresholds resolve workload, then endpoint. */
@Tag("selftest")
@DisplayName("Load settings")
class LoadSettingsTest {

    private static Config config(int budget, double share) {
        return ConfigFactory.parseString("api.rateLimit { budget = " + budget + ", window = 60s }\n"
                + "load.budgetShare = " + share).withFallback(ConfigFactory.parseFile(Path.of(
                System.getProperty("harness.projectDir", "."), "config", "base.conf").toFile())).resolve();
    }

    @Test
    void halfOfEachBudgetMeansFiveIterationsPerWindow() {
        LoadSettings settings = LoadSettings.from("stage", Workload.STEADY, config(10, 0.5), Path.of("."));

        assertThat(settings.iterationsPerWindow()).isEqualTo(5);
        assertThat(settings.pace()).isEqualTo(Duration.ofSeconds(12));
        assertThat(LoadSettings.from("stage", Workload.SPIKE, config(10, 0.5), Path.of(".")).burstIterations()).isEqualTo(5);
        assertThat(LoadSettings.from("stage", Workload.SPIKE, config(6, 0.5), Path.of(".")).burstIterations())
                .as("a burst never spends more than the share of a budget").isEqualTo(3);
    }

    @Test
    void aBudgetThatCannotBePacedStopsTheRunNamingTheKey() {
        assertThatThrownBy(() -> LoadSettings.from("stage", Workload.STEADY, config(1, 0.5), Path.of(".")))
                .isInstanceOf(HarnessConfigException.class)
                .hasMessageContaining("cannot be paced with load.budgetShare = 0.5");
    }

    @Test
    void workloadThresholdsOverrideTheSharedOnesAndEndpointsOverrideBoth() {
        Config c = ConfigFactory.parseString("load.spike.thresholds.endpoints.uploadFile.p95 = 4s").withFallback(config(10, 0.5));

        LoadSettings spike = LoadSettings.from("stage", Workload.SPIKE, c, Path.of("."));

        assertThat(spike.thresholds().p95()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spike.thresholds().errorRatePercent()).isEqualTo(1.0);
        assertThat(spike.thresholds(Endpoint.UPLOAD_FILE).p95()).isEqualTo(Duration.ofSeconds(4));
        assertThat(spike.thresholds(Endpoint.UPLOAD_FILE).p99()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void everyKeyCanBeOverriddenLikeTheContractRunsKeys() {
        Map<String, String> properties = Map.of("env", "embedded", "load.steady.duration", "5s",
                "harness.projectDir", System.getProperty("harness.projectDir", "."));

        LoadSettings settings = LoadSettings.load(key -> Optional.ofNullable(properties.get(key)), Workload.STEADY);

        assertThat(settings.plan().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.rateLimitWindow()).isEqualTo(Duration.ofSeconds(3));
    }
}
