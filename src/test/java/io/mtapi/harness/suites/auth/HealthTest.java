package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ContractTest
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Health")
@Story("Health")
@DisplayName("Health")
class HealthTest {

    @Test
    @Tag(Tags.SMOKE)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /health answers 200 without credentials: status healthy, a current UTC timestamp, environment, version")
    @Covers("§2 GET /health 200")
    void healthReportsHealthy(ApiTarget target) {
        ApiResponse response = target.auth().health(); // the body is checked against the Health schema on the way

        assertThat(response).as("GET /health without credentials").isOk();
        assertThat(response.json().path("status").asText()).as("status of GET /health (the contract: healthy)")
                .isEqualTo("healthy");
        assertThat(response.json().path("environment").asText()).as("environment of GET /health (the contract: named)")
                .isNotBlank();
        assertThat(response.json().path("version").asText()).as("version of GET /health (the contract: named)")
                .isNotBlank();
        String timestamp = response.json().path("timestamp").asText();
        OffsetDateTime reported;
        try {
            reported = OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new AssertionError("GET /health timestamp is not ISO-8601 with a UTC offset (CONTRACT.md section 1)"
                    + "\n  timestamp '" + timestamp + "'\n  " + response.describe(), e);
        }
        assertThat(reported.toInstant()).as("timestamp (the target's clock, allowing 5 minutes of skew)")
                .isCloseTo(Instant.now(), within(5, ChronoUnit.MINUTES));
    }
}
