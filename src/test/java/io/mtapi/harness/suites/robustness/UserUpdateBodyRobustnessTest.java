package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * PUT /api/v1/users/{id} under malformed bodies. The probes take turns on one user per
 * admin (every created user costs the target a password hash), and the owner checks after
 * each one that a refused update changed nothing since the last known state.
 */
@ContractTest
@CallsPerBudget(1) // POST /api/v1/users once per admin; the PUTs go to the user it made
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Malformed bodies on user update")
@Execution(ExecutionMode.SAME_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserUpdateBodyRobustnessTest {

    /** The user each admin probes, by tenant id, as last read back. */
    private final Map<String, User> probed = new HashMap<>();

    @ParameterizedTest(name = "PUT /api/v1/users/'{id}' with {0}")
    @EnumSource(BadBody.class)
    @Story("Malformed bodies")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A malformed body on PUT /api/v1/users/{id} is refused with a 4xx (422 when malformed JSON), never a "
            + "5xx, and changes nothing")
    @Covers({"§1 errors carry a JSON body with detail; validation errors 422", "§3 PUT /api/v1/users/{id} 422",
            "§9 edge cases of every input"})
    void malformedBodyIsRefusedAndChangesNothing(BadBody input, Tenant tenant, @Other Tenant other) {
        Tenant by = input.ordinal() % 2 == 0 ? tenant : other;
        User before = probed.computeIfAbsent(by.id(), id -> by.users().created(Users.valid()));

        ApiResponse response = by.users().update(before.id(), input.render(JsonEndpoint.UPDATE_USER).body());

        input.expected(JsonEndpoint.UPDATE_USER).check(response, "PUT /api/v1/users/{id} with " + input);
        ApiResponse after = by.users().get(before.id());
        assertThat(after).as("the probed user read back by its owner").isOk();
        probed.put(by.id(), after.as(User.class));
        if (response.status() >= 400) {
            assertThat(after.as(User.class)).as("the user after PUT with %s was refused: a refused update changes nothing",
                    input).isEqualTo(before);
        } else {
            assertThat(after.as(User.class)).as("the user after PUT with %s was accepted: as the 200 answered it",
                    input).isEqualTo(response.as(User.class));
        }
    }
}
