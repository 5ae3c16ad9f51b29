package io.mtapi.harness.suites.robustness;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

/** The anonymous JSON endpoints under malformed bodies. Every probe is refused by design: none registers a tenant. */
@ContractTest
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Malformed bodies on register, login and refresh")
class AuthBodyRobustnessTest {

    static Stream<Arguments> probes() {
        return Stream.of(JsonEndpoint.REGISTER, JsonEndpoint.LOGIN, JsonEndpoint.REFRESH)
                .flatMap(endpoint -> Arrays.stream(BadBody.values()).map(input -> Arguments.of(endpoint, input)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("probes")
    @Story("Malformed bodies")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A malformed body on an /auth endpoint is refused with a 4xx (422 when malformed JSON), never a 5xx")
    @Covers({"§1 errors carry a JSON body with detail; validation errors 422", "§2 POST /auth/register 422",
            "§2 POST /auth/login", "§2 POST /auth/refresh", "§9 edge cases of every input"})
    void malformedBodyIsRefused(JsonEndpoint endpoint, BadBody input, ApiTarget target) {
        BadBody.Probe probe = input.render(endpoint);

        ApiResponse response = switch (endpoint) {
            case REGISTER -> target.auth().register(probe.body());
            case LOGIN -> target.auth().login(probe.body());
            case REFRESH -> target.auth().refresh(probe.body());
            default -> throw new IllegalArgumentException(endpoint + " is not an /auth endpoint");
        };

        input.expected(endpoint).check(response, endpoint + " with " + input);
    }
}
