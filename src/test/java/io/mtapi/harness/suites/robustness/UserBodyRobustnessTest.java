package io.mtapi.harness.suites.robustness;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Other;
import io.mtapi.harness.fixtures.Tenant;
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
import java.util.Map;
import java.util.stream.Stream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * POST /api/v1/users and /bulk under malformed bodies. Probes alternate between the admins
 * of two tenants, so neither spends more than its rate-limit budget per endpoint.
 */
@ContractTest
@CallsPerBudget(7) // POST /api/v1/users and /bulk by each admin, about half the 13 bodies; up to 5 listings
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Malformed bodies on user creation")
class UserBodyRobustnessTest {

    static Stream<Arguments> probes() {
        return Stream.of(JsonEndpoint.CREATE_USER, JsonEndpoint.BULK_CREATE_USERS)
                .flatMap(endpoint -> Arrays.stream(BadBody.values()).map(input -> Arguments.of(endpoint, input)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("probes")
    @Story("Malformed bodies")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A malformed body on user creation is refused with a 4xx (422 when malformed JSON), never a 5xx, "
            + "and creates nothing")
    @Covers({"§1 errors carry a JSON body with detail; validation errors 422", "§3 POST /api/v1/users 422",
            "§3 POST /api/v1/users/bulk 422", "§9 edge cases of every input"})
    void malformedBodyIsRefusedAndCreatesNothing(JsonEndpoint endpoint, BadBody input, Tenant tenant,
                                                 @Other Tenant other) {
        Tenant by = (endpoint.ordinal() + input.ordinal()) % 2 == 0 ? tenant : other;
        BadBody.Probe probe = input.render(endpoint);

        ApiResponse response = endpoint == JsonEndpoint.CREATE_USER
                ? by.users().create(probe.body()) : by.users().bulkCreate(probe.body());

        input.expected(endpoint).check(response, endpoint + " with " + input);
        if (response.status() >= 400 && probe.email() != null) {
            assertThat(usersWithEmail(by, probe.email()))
                    .as("users holding the probe's email after %s with %s was refused: a refusal creates nothing",
                            endpoint, input)
                    .isZero();
        }
    }

    private static long usersWithEmail(Tenant tenant, String email) {
        ApiResponse listing = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(listing).as("a tenant's admin lists its users").isOk();
        Page<User> page = listing.as(new TypeReference<Page<User>>() { });
        return page.data().stream().filter(u -> email.equalsIgnoreCase(u.email())).count();
    }
}
