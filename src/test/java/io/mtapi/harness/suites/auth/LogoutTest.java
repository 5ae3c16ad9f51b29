package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.SessionApi;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.BiFunction;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2)
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Logout")
@DisplayName("Logout")
class LogoutTest {

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/logout invalidates the token presented (then 401) and no other session of the user")
    @Covers({"§2 POST /auth/logout 200", "§2 POST /auth/logout 401", "OWASP API2:2023 Broken Authentication"})
    void logoutRevokesThePresentedTokenOnly(ApiTarget target, Tenant tenant) {
        Account admin = tenant.admin().account();
        TokenPair session = target.login(admin.username(), admin.password());
        Caller loggedOut = tenant.adminWithToken(session.accessToken());

        ApiResponse logout = loggedOut.session().logout();

        assertThat(logout).as("logout with a valid access token").isOk();
        assertThat(loggedOut.users().list()).as("GET /api/v1/users with the token just logged out").isUnauthorized();
        assertThat(loggedOut.session().logout()).as("a second logout with the token already logged out")
                .isUnauthorized();
        assertThat(tenant.users().list())
                .as("GET /api/v1/users with the token of the admin's other login session (logout ends only the "
                        + "token presented)")
                .isOk();
    }

    /** Credentials logout must refuse, made from the admin's own tokens. */
    enum BadCredential {
        NO_TOKEN((target, admin) -> target.specs().anonymous()),
        REFRESH_TOKEN((target, admin) -> target.specs().bearer(admin.tokens().refreshToken())),
        BROKEN_SIGNATURE((target, admin) -> target.specs().bearer(Jwt.withBrokenSignature(admin.accessToken()))),
        ALG_NONE((target, admin) -> target.specs().bearer(Jwt.unsigned(admin.accessToken())));

        private final BiFunction<ApiTarget, Account, RequestSpecification> spec;

        BadCredential(BiFunction<ApiTarget, Account, RequestSpecification> spec) {
            this.spec = spec;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadCredential.class)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /auth/logout without a valid access token answers 401 with WWW-Authenticate: Bearer")
    @Covers({"§2 POST /auth/logout 401", "OWASP API2:2023 Broken Authentication"})
    void logoutWithoutValidAccessTokenIsUnauthorized(BadCredential variant, ApiTarget target, Tenant tenant) {
        SessionApi session = new SessionApi(variant.spec.apply(target, tenant.admin().account()));

        assertThat(session.logout()).as("POST /auth/logout with %s", variant).isUnauthorized();
    }
}
