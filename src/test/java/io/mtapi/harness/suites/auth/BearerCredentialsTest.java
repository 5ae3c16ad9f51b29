package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ResourceTracker;
import io.mtapi.harness.api.UsersApi;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.UnaryOperator;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2)
@Tag(Tags.AUTH)
@Tag(Tags.TIER1)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Bearer credentials on protected endpoints")
@DisplayName("Bearer credentials")
class BearerCredentialsTest {

    @Test
    @Tag(Tags.SMOKE)
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("A protected endpoint without Authorization header answers 401 with WWW-Authenticate: Bearer")
    @Covers("§2 Bearer missing 401")
    void protectedEndpointWithoutTokenIsUnauthorized(ApiTarget target) {
        UsersApi anonymous = new UsersApi(target.specs().anonymous(), ResourceTracker.NONE);

        assertThat(anonymous.list()).as("GET /api/v1/users without a token").isUnauthorized();
    }

    /** Authorization header values that carry no valid bearer credential. */
    enum MalformedHeader {
        BASIC_SCHEME(token -> "Basic dXNlcjpwYXNzd29yZA=="),
        TOKEN_SCHEME_WITH_VALID_TOKEN(token -> "Token " + token),
        VALID_TOKEN_WITHOUT_SCHEME(token -> token),
        BEARER_WITHOUT_TOKEN(token -> "Bearer"),
        BEARER_WITH_BLANK_TOKEN(token -> "Bearer  "),
        BEARER_WITH_GARBAGE(token -> "Bearer not-a-jwt"),
        BEARER_WITH_TRUNCATED_TOKEN(token -> "Bearer " + token.substring(0, token.length() / 2)),
        BEARER_WITH_VALID_TOKEN_AND_EXTRA_PART(token -> "Bearer " + token + " extra");

        private final UnaryOperator<String> header;

        MalformedHeader(UnaryOperator<String> header) {
            this.header = header;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MalformedHeader.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A malformed Authorization header or another scheme answers 401")
    @Covers({"§2 Bearer malformed header or other scheme 401", "OWASP API2:2023 Broken Authentication"})
    void malformedAuthorizationIsUnauthorized(MalformedHeader variant, ApiTarget target, Tenant tenant) {
        String header = variant.header.apply(tenant.admin().account().accessToken());
        UsersApi caller = new UsersApi(target.specs().withAuthorization(header), ResourceTracker.NONE);

        assertThat(caller.list()).as("GET /api/v1/users with Authorization %s", variant).isUnauthorized();
    }
}
