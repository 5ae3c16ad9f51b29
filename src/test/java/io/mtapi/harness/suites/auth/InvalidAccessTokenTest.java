package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.AdminApi;
import io.mtapi.harness.api.ResourceTracker;
import io.mtapi.harness.api.UsersApi;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
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
@CallsPerBudget(5)
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Invalid and expired tokens")
@DisplayName("Invalid, forged and expired access tokens")
class InvalidAccessTokenTest {

    /**
     * Access tokens the target must refuse, made from the admin's real token or claims. Garbage and
     * truncated tokens are Tier 1 (BearerCredentialsTest).
     */
    enum BadAccessToken {
        BROKEN_SIGNATURE((target, admin) -> Jwt.withBrokenSignature(admin.accessToken())),
        ALG_NONE((target, admin) -> Jwt.unsigned(admin.accessToken())),
        TENANT_SWAPPED_WITH_OLD_SIGNATURE((target, admin) ->
                Jwt.withForgedClaim(admin.accessToken(), "tenant_id", UUID.randomUUID().toString())),
        USER_SWAPPED_WITH_OLD_SIGNATURE((target, admin) ->
                Jwt.withForgedClaim(admin.accessToken(), "user_id", UUID.randomUUID().toString())),
        SIGNED_WITH_ANOTHER_SECRET((target, admin) -> Jwt.mint(TokenRefreshTest.otherSecret(),
                Jwt.accessClaims(admin.userId(), admin.tenantId(), admin.username(), admin.role(), Duration.ofMinutes(5)))),
        EXPIRED((target, admin) -> Jwt.mint(target.signingSecretOrSkip("A request with an expired access token"),
                Jwt.accessClaims(admin.userId(), admin.tenantId(), admin.username(), admin.role(), Duration.ofMinutes(-5))));

        private final BiFunction<ApiTarget, Account, String> token;

        BadAccessToken(BiFunction<ApiTarget, Account, String> token) {
            this.token = token;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadAccessToken.class)
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("A forged, badly signed or expired access token answers 401 with WWW-Authenticate: Bearer")
    @Covers({"§2 Bearer bad signature 401", "§2 Bearer expired token 401", "OWASP API2:2023 Broken Authentication"})
    void invalidAccessTokenIsUnauthorized(BadAccessToken variant, ApiTarget target, Tenant tenant) {
        String token = variant.token.apply(target, tenant.admin().account());
        UsersApi caller = new UsersApi(target.specs().bearer(token), ResourceTracker.NONE);

        assertThat(caller.list()).as("GET /api/v1/users with access token %s", variant).isUnauthorized();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "signedUserClaimChecked", reason = "only a holder of the signing secret can sign a token for a "
            + "user id the deployment never issued, and CONTRACT.md (Token trust) lets a deployment trust what it "
            + "signed without reading its store again; an environment whose secret may leak wants the lookup")
    @DisplayName("A validly signed token of a user that does not exist answers 401 with WWW-Authenticate: Bearer")
    @Covers({"§2 Token trust: a check whose attack needs the secret is a contract gap", "OWASP API2:2023 Broken Authentication"})
    void signedTokenOfAUserThatDoesNotExistIsUnauthorized(ApiTarget target, Tenant tenant) {
        String token = Jwt.mint(target.signingSecretOrSkip("A request with a token of a user that does not exist"),
                Jwt.accessClaims(UUID.randomUUID().toString(), tenant.id(), "ghost", "admin", Duration.ofMinutes(5)));
        UsersApi caller = new UsersApi(target.specs().bearer(token), ResourceTracker.NONE);

        assertThat(caller.list()).as("GET /api/v1/users with a signed token of a user id the target never issued")
                .isUnauthorized();
    }

    @Test
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("A member's token with its role claim raised to admin and the old signature answers 401")
    @Covers({"§2 Bearer bad signature 401", "OWASP API2:2023 Broken Authentication", "OWASP API5:2023 BFLA"})
    void memberTokenWithRaisedRoleIsUnauthorized(ApiTarget target, Member member) {
        String forged = Jwt.withForgedClaim(member.account().accessToken(), "role", "admin");
        AdminApi caller = new AdminApi(target.specs().bearer(forged));

        assertThat(caller.stats()).as("GET /api/v1/admin/stats with the member's token, role claim raised to admin")
                .isUnauthorized();
    }
}
