package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RegisterResult;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.data.Users;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * A User "never contains a password or a password hash" (CONTRACT.md section 3), in no
 * response of any user call: OWASP API3:2023, excessive data exposure. The contract's
 * User schema refuses a credential-named field (extra fields are otherwise a deployment's
 * freedom); these tests also look for the admin's clear-text password and for hash-shaped
 * values anywhere in the raw body.
 * The tenant admin is the one user whose password is known, so the calls that return it
 * (its own record, the listing, an update of itself) matter most.
 */
@ContractTest
@CallsPerBudget(1) // one call on each of the admin's budgets
@Tag(Tags.USERS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Sensitive data exposure")
@DisplayName("No password or password hash in any response")
class UserDataExposureTest {

    /**
     * Each user call, as the tenant admin, with the status it must answer. The bulk call creates one user:
     * its answer is the bulk endpoint's array of Users all the same, and each user costs the target a hash.
     */
    enum UserCall {
        CREATE(201, tenant -> tenant.users().create(Users.valid())),
        BULK_CREATE(201, tenant -> tenant.users().bulkCreate(Users.valid(1))),
        GET_OWN_ACCOUNT(200, tenant -> tenant.users().get(tenant.admin().account().userId())),
        LIST_ACTIVE_AND_INACTIVE(200, tenant -> tenant.users().list(Map.of("active_only", false))),
        UPDATE_OWN_ACCOUNT(200, tenant -> tenant.users().update(tenant.admin().account().userId(),
                Map.of("full_name", "Admin " + RunId.unique())));

        private final int status;
        private final Function<Tenant, ApiResponse> call;

        UserCall(int status, Function<Tenant, ApiResponse> call) {
            this.status = status;
            this.call = call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UserCall.class)
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("Create, bulk create, get, list and update answer without any password or password hash")
    @Covers({"§3 User never contains a password or a password hash", "OWASP API3:2023 BOPLA"})
    void userCallExposesNoPassword(UserCall userCall, Tenant tenant) {
        ApiResponse response = userCall.call.apply(tenant);

        assertThat(response).as("%s as a tenant's admin", userCall)
                .hasStatus(userCall.status)
                .exposesNoPassword(tenant.admin().account().password());
    }

    @Test
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("Registration and login answer without the password, and the tokens carry none")
    @Covers({"§2 POST /auth/register 201", "§2 POST /auth/login 200", "OWASP API3:2023 BOPLA"})
    void registrationAndLoginExposeNoPassword(ApiTarget target) {
        Registration registration = Tenants.registration();
        String password = registration.adminPassword();

        ApiResponse registered = target.auth().register(registration);
        assertThat(registered).as("registration of a new tenant").isCreated();
        ApiResponse login = target.auth().login(registration.adminUsername(), password);
        assertThat(login).as("login of the new tenant's admin").isOk();
        TokenPair tokens = login.as(TokenPair.class);
        Tenant tenant = target.adopt(registration, registered.as(RegisterResult.class), tokens);

        assertThat(registered).as("POST /auth/register answer").exposesNoPassword(password);
        assertThat(login).as("POST /auth/login answer").exposesNoPassword(password);
        assertCarriesNoPassword("access token", tokens.accessToken(), password);
        assertCarriesNoPassword("refresh token", tokens.refreshToken(), password);
        target.handOver(tenant);
    }

    private static void assertCarriesNoPassword(String which, String token, String password) {
        Map<String, Object> claims = Jwt.claims(token);
        assertThat(claims.keySet()).as("claim names of the %s", which)
                .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("password")
                        || name.toLowerCase(Locale.ROOT).contains("hash"));
        // Not the values themselves in the message: they would hold the password.
        boolean carriesPassword = claims.values().stream().anyMatch(value -> String.valueOf(value).contains(password));
        assertThat(carriesPassword).as("a claim of the %s holds the admin's clear-text password", which).isFalse();
    }
}
