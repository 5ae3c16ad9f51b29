package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.tokens.Jwt;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What every token pair the target issues (login and refresh alike) must say about its user,
 * CONTRACT.md section 2: bearer type, expires_in = the access-token lifetime, HS256 tokens whose
 * claims name the user, its tenant, username and role, and the right type.
 */
final class IssuedTokens {

    private IssuedTokens() {
    }

    static void assertIssuedTo(TokenPair tokens, Account account, Duration accessTtl) {
        assertThat(tokens.tokenType()).as("token_type").isEqualTo("bearer");
        assertThat(tokens.expiresIn()).as("expires_in (configured access-token lifetime)").isEqualTo(accessTtl.toSeconds());
        assertThat(tokens.refreshToken()).as("refresh_token (must differ from the access token)")
                .isNotEqualTo(tokens.accessToken());

        Map<String, Object> access = Jwt.claims(tokens.accessToken());
        assertThat(access).as("access token claims: type access, and the user_id, tenant_id, username and role of the account")
                .containsEntry("type", "access")
                .containsEntry("user_id", account.userId())
                .containsEntry("tenant_id", account.tenantId())
                .containsEntry("username", account.username())
                .containsEntry("role", account.role());
        Instant accessExpiry = expiry(access, "access");
        assertThat(accessExpiry).as("access token exp (now + expires_in)")
                .isCloseTo(Instant.now().plus(accessTtl), within(120, ChronoUnit.SECONDS));
        assertThat(Jwt.algorithm(tokens.accessToken())).as("access token alg").isEqualTo("HS256");

        Map<String, Object> refresh = Jwt.claims(tokens.refreshToken());
        assertThat(refresh).as("refresh token claims: type refresh, and the user_id and tenant_id of the account")
                .containsEntry("type", "refresh")
                .containsEntry("user_id", account.userId())
                .containsEntry("tenant_id", account.tenantId());
        assertThat(expiry(refresh, "refresh")).as("refresh token exp (refresh tokens outlive access tokens: 7 days)")
                .isAfter(accessExpiry);
        assertThat(Jwt.algorithm(tokens.refreshToken())).as("refresh token alg").isEqualTo("HS256");
    }

    private static Instant expiry(Map<String, Object> claims, String kind) {
        assertThat(claims).as("%s token claims", kind).containsKey("exp");
        return ((Date) claims.get("exp")).toInstant();
    }
}
