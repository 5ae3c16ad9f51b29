package io.mtapi.harness.suites.auth;

import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Disposable;
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
import org.junit.jupiter.api.Test;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Account lifetime")
@DisplayName("Deactivated accounts")
class DeactivatedAccountTest {

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A deactivated account cannot log in (403), and the tokens it held before stop working (401)")
    @Covers({"§2 POST /auth/login 403", "§2 POST /auth/refresh 401", "§3 DELETE /api/v1/users/{id} 204",
            "OWASP API2:2023 Broken Authentication"})
    void deactivatedAccountLosesAccess(ApiTarget target, @Disposable Tenant tenant) {
        // The tenant's admin is the only account with a password: it deactivates itself, and the tenant retires.
        Account admin = tenant.admin().account();
        assertThat(tenant.users().delete(admin.userId())).as("the admin deactivates its own account").isNoContent();

        assertThat(target.auth().login(admin.username(), admin.password()))
                .as("login of the deactivated account with its right password").isForbidden().hasErrorDetail();
        assertThat(tenant.users().list())
                .as("GET /api/v1/users with an access token issued before the account was deactivated")
                .isUnauthorized();
        assertThat(target.auth().refresh(admin.tokens().refreshToken()))
                .as("POST /auth/refresh with a refresh token issued before the account was deactivated")
                .hasStatus(401).hasErrorDetail();
    }
}
