package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RegisterResult;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.mtapi.harness.tokens.Jwt;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(1)
@Tag(Tags.AUTH)
@Tag(Tags.TIER1)
@Epic(Tags.EPIC)
@Feature("Authentication")
@DisplayName("Registration and login")
class RegistrationAndLoginTest {

    @Test
    @Tag(Tags.SMOKE)
    @Story("Register")
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("POST /auth/register creates a tenant and its first user, role admin (201)")
    @Covers("§2 POST /auth/register 201")
    void registrationCreatesTenantWithAdmin(ApiTarget target) {
        Registration registration = Tenants.registration();

        ApiResponse response = target.auth().register(registration);

        assertThat(response).as("registering a new tenant").isCreated();
        RegisterResult result = response.as(RegisterResult.class);
        TokenPair tokens = target.login(registration.adminUsername(), registration.adminPassword());
        Tenant registered = target.adopt(registration, result, tokens);
        Map<String, Object> claims = Jwt.claims(tokens.accessToken());
        assertThat(claims)
                .as("the registered admin's access token claims (tenant and user ids from the 201 body)")
                .containsEntry("tenant_id", result.tenantId())
                .containsEntry("user_id", result.adminUserId())
                .containsEntry("role", "admin");
        target.handOver(registered);
    }

    @Test
    @Tag(Tags.SMOKE)
    @Story("Login")
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("POST /auth/login with valid credentials returns a well-formed bearer token pair (200)")
    @Covers("§2 POST /auth/login 200")
    void loginReturnsWellFormedTokenPair(ApiTarget target, Tenant tenant) {
        var admin = tenant.admin().account();

        ApiResponse response = target.auth().login(admin.username(), admin.password());

        assertThat(response).as("login with valid credentials").isOk();
        assertThat(admin.role()).as("role of the registered admin").isEqualTo("admin");
        IssuedTokens.assertIssuedTo(response.as(TokenPair.class), admin, target.config().accessTokenTtl());
    }

    @Test
    @Story("Login")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/login with a wrong password is rejected (401)")
    @Covers({"§2 POST /auth/login 401", "OWASP API2:2023 Broken Authentication"})
    void wrongPasswordIsRejected(ApiTarget target, Tenant tenant) {
        var admin = tenant.admin().account();

        ApiResponse response = target.auth().login(admin.username(), admin.password() + "x");

        assertThat(response).as("login with the right username and a wrong password").hasStatus(401).hasErrorDetail();
    }

    @Test
    @Story("Login")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Unknown user and wrong password get the same 401 message: no username enumeration")
    @Covers({"§2 POST /auth/login 401", "OWASP API2:2023 Broken Authentication"})
    void unknownUserGetsTheSameAnswerAsWrongPassword(ApiTarget target, Tenant tenant) {
        var admin = tenant.admin().account();

        ApiResponse wrongPassword = target.auth().login(admin.username(), admin.password() + "x");
        ApiResponse unknownUser = target.auth().login("nobody." + RunId.unique(), admin.password());

        assertThat(unknownUser).as("login as a user that does not exist").hasStatus(401).hasErrorDetail();
        assertThat(wrongPassword).as("login with a wrong password").hasStatus(401);
        assertThat(unknownUser.detail())
                .as("the 401 message for an unknown user must equal the one for a wrong password, "
                        + "or it tells an attacker which usernames exist")
                .isEqualTo(wrongPassword.detail());
    }
}
