package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.fixtures.Account;
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

import java.time.Duration;
import java.util.UUID;
import java.util.function.BiFunction;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2)
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Token refresh")
@DisplayName("Token refresh and rotation")
class TokenRefreshTest {

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/refresh returns a new pair for the same user, and its access token works (200)")
    @Covers({"§2 POST /auth/refresh 200", "OWASP API2:2023 Broken Authentication"})
    void refreshReturnsAWorkingPairForTheSameUser(ApiTarget target, Tenant tenant) {
        Account admin = tenant.admin().account();
        TokenPair session = target.login(admin.username(), admin.password());

        ApiResponse refreshed = target.auth().refresh(session.refreshToken());

        assertThat(refreshed).as("refresh with the refresh token of a fresh login").isOk();
        TokenPair fresh = refreshed.as(TokenPair.class);
        IssuedTokens.assertIssuedTo(fresh, admin, target.config().accessTokenTtl());
        assertThat(tenant.adminWithToken(fresh.accessToken()).users().list())
                .as("GET /api/v1/users with the access token issued by refresh").isOk();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A refresh token works once: the one used is revoked (401), the new one works")
    @Covers({"§2 POST /auth/refresh 200", "§2 POST /auth/refresh 401", "OWASP API2:2023 Broken Authentication"})
    void usedRefreshTokenIsRevoked(ApiTarget target, Tenant tenant) {
        Account admin = tenant.admin().account();
        TokenPair session = target.login(admin.username(), admin.password());
        ApiResponse first = target.auth().refresh(session.refreshToken());
        assertThat(first).as("first use of a refresh token").isOk();

        ApiResponse replay = target.auth().refresh(session.refreshToken());

        assertThat(replay).as("second use of the same refresh token (rotation must have revoked it)")
                .hasStatus(401).hasErrorDetail();
        assertThat(target.auth().refresh(first.as(TokenPair.class).refreshToken()))
                .as("the refresh token issued by the rotation").isOk();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A refresh token is not an access token: as Bearer on a protected endpoint it answers 401")
    @Covers({"§2 Bearer token of the wrong type 401", "OWASP API2:2023 Broken Authentication"})
    void refreshTokenIsRejectedAsBearer(Tenant tenant) {
        String refreshToken = tenant.admin().account().tokens().refreshToken();

        assertThat(tenant.adminWithToken(refreshToken).users().list())
                .as("GET /api/v1/users with a refresh token as Bearer").isUnauthorized();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("An access token is not a refresh token: POST /auth/refresh with it answers 401")
    @Covers({"§2 POST /auth/refresh 401", "OWASP API2:2023 Broken Authentication"})
    void accessTokenIsRejectedAtRefresh(ApiTarget target, Tenant tenant) {
        String accessToken = tenant.admin().account().accessToken();

        assertThat(target.auth().refresh(accessToken)).as("POST /auth/refresh with an access token")
                .hasStatus(401).hasErrorDetail();
    }

    /** Refresh tokens the target must refuse, made from the admin's own refresh token or claims. */
    enum BadRefreshToken {
        GARBAGE((target, admin) -> "not-a-jwt"),
        TRUNCATED((target, admin) -> refreshOf(admin).substring(0, refreshOf(admin).length() / 2)),
        BROKEN_SIGNATURE((target, admin) -> Jwt.withBrokenSignature(refreshOf(admin))),
        ALG_NONE((target, admin) -> Jwt.unsigned(refreshOf(admin))),
        TENANT_SWAPPED_WITH_OLD_SIGNATURE((target, admin) ->
                Jwt.withForgedClaim(refreshOf(admin), "tenant_id", UUID.randomUUID().toString())),
        SIGNED_WITH_ANOTHER_SECRET((target, admin) -> Jwt.mint(otherSecret(),
                Jwt.refreshClaims(admin.userId(), admin.tenantId(), Duration.ofDays(1)))),
        EXPIRED((target, admin) -> Jwt.mint(target.signingSecretOrSkip("Refresh with an expired refresh token"),
                Jwt.refreshClaims(admin.userId(), admin.tenantId(), Duration.ofMinutes(-5))));

        private final BiFunction<ApiTarget, Account, String> token;

        BadRefreshToken(BiFunction<ApiTarget, Account, String> token) {
            this.token = token;
        }

        private static String refreshOf(Account admin) {
            return admin.tokens().refreshToken();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadRefreshToken.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/refresh with an invalid, forged or expired refresh token answers 401")
    @Covers({"§2 POST /auth/refresh 401", "OWASP API2:2023 Broken Authentication"})
    void invalidRefreshTokenIsRejected(BadRefreshToken variant, ApiTarget target, Tenant tenant) {
        String token = variant.token.apply(target, tenant.admin().account());

        assertThat(target.auth().refresh(token)).as("POST /auth/refresh with refresh token %s", variant)
                .hasStatus(401).hasErrorDetail();
    }

    /** A well-formed HS256 secret that is not the target's. */
    static String otherSecret() {
        return "not-the-target-secret-" + UUID.randomUUID();
    }
}
