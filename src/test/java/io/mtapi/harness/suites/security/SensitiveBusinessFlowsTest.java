package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RegisterResult;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.api.AuthApi;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractGap;
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

import java.util.ArrayList;
import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * The business flow worth abusing here is tenant creation: {@code POST /auth/register} is anonymous,
 * creates a tenant that can never be deleted and costs the server a password hash. An attacker can
 * script it to squat names, fill the tenant table or burn CPU. Nothing in the contract limits it
 * (no throttle, no captcha, no e-mail confirmation).
 *
 * <p>Observing a limit takes registrations: a few in a row from one client must meet one. Those
 * tenants stay on the deployment for good, and a throttle that would stop this probe would also
 * stop the harness itself, which registers its tenants from one address in one burst. So the
 * check is off by default ({@code gaps.registrationThrottling = false}); switch it on for a
 * deployment that is meant to throttle registration and can take a handful of tenants more.
 */
@ContractTest
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API6:2023 Unrestricted Access to Sensitive Business Flows")
@DisplayName("API6:2023 Unrestricted Access to Sensitive Business Flows")
class SensitiveBusinessFlowsTest {

    /** Registrations in a row that no legitimate client makes within seconds from one address. */
    private static final int REGISTRATIONS = 6;

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "registrationThrottling", reason = "anonymous registration creates undeletable tenants "
            + "and costs a password hash, and the contract sets no limit on it (OWASP API6:2023); observing a "
            + "limit needs registrations that stay on the deployment, and a limit would also stop the harness's "
            + "own tenant set-up, so it is off by default")
    @DisplayName("API6:2023 Unrestricted Access to Sensitive Business Flows — registering tenants in a quick "
            + "series from one client meets a limit (429) within 6 registrations")
    @Covers({"OWASP API6:2023 Unrestricted Access to Sensitive Business Flows", "§2 POST /auth/register 201"})
    void massRegistrationIsThrottled(ApiTarget target) {
        AuthApi bot = new AuthApi(target.specs().anonymousThrottleProbe());
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < REGISTRATIONS && !statuses.contains(429); i++) {
            Registration registration = Tenants.registration();
            ApiResponse response = bot.register(registration);
            statuses.add(response.status());
            if (response.status() == 201) {
                target.adopt(registration, response.as(RegisterResult.class),
                        target.login(registration.adminUsername(), registration.adminPassword()));
            }
        }

        assertThat(statuses).as("statuses of %d registrations in a row from one client: without a 429 a script "
                + "can create tenants as fast as the server hashes passwords", REGISTRATIONS).contains(429);
    }
}
