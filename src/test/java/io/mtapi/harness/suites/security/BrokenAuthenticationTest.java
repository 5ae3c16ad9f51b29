package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.AuthApi;
import io.mtapi.harness.api.ResourceTracker;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.api.UsersApi;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Disposable;
import io.mtapi.harness.fixtures.NotJudged;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Credential handling as an attacker sees it: guessing passwords, smuggling tokens through the
 * URL, reading what tokens and error bodies give away. The auth suite checks the documented
 * token lifecycle; this class checks what the contract leaves to good practice.
 */
@ContractTest
@CallsPerBudget(1) // one listing with a token of the admin's; logins are not /api/v1
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API2:2023 Broken Authentication")
@DisplayName("API2:2023 Broken Authentication")
class BrokenAuthenticationTest {

    private static final int WRONG_PASSWORDS = 20;
    /** A lifetime beyond which an access token is a standing credential, whatever the deployment configured. */
    private static final Duration ACCESS_TOKEN_CEILING = Duration.ofHours(24);
    private static final Duration REFRESH_TOKEN_CEILING = Duration.ofDays(30);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "loginThrottling", reason = "the contract sets no limit on failed logins, so a password "
            + "can be guessed at the speed the server hashes (OWASP API2:2023)")
    @DisplayName("API2:2023 Broken Authentication — 20 wrong passwords in a row for one account are met with "
            + "throttling or a lockout (429, 423 or a growing delay)")
    @Covers({"OWASP API2:2023 Broken Authentication", "§2 POST /auth/login 401"})
    void repeatedWrongPasswordsAreThrottled(ApiTarget target, @Disposable Tenant victim) {
        Account account = victim.admin().account();
        AuthApi attacker = new AuthApi(target.specs().anonymousThrottleProbe());
        List<Integer> statuses = new ArrayList<>();
        List<Long> millis = new ArrayList<>();

        // The first refusal settles it: every further guess (and the right password) would only cost the
        // target more password hashes on a deployment that locks out after checking the password.
        boolean refusedWithStatus = false;
        for (int i = 0; i < WRONG_PASSWORDS && !refusedWithStatus; i++) {
            long start = System.nanoTime();
            ApiResponse guess = attacker.login(account.username(), "not-the-password-" + i);
            millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
            statuses.add(guess.status());
            assertThat(guess.status()).as("a wrong password must never log in (guess #%d)%n  %s", i + 1,
                    guess.describe()).isNotEqualTo(200);
            refusedWithStatus = guess.status() == 429 || guess.status() == 423;
        }
        if (refusedWithStatus) {
            return;
        }
        ApiResponse rightPassword = attacker.login(account.username(), account.password());
        statuses.add(rightPassword.status());

        boolean lockedOut = rightPassword.status() != 200;
        long firstFive = median(millis.subList(0, 5));
        long lastFive = median(millis.subList(WRONG_PASSWORDS - 5, WRONG_PASSWORDS));
        boolean slowedDown = lastFive >= 2 * firstFive + 250;
        assertThat(lockedOut || slowedDown)
                .as("%d wrong passwords for one account, then the right one: expected a 429 or 423, a lockout or a "
                        + "growing delay, or passwords can be guessed without limit%n  statuses %s (median %d ms for the "
                        + "first five guesses, %d ms for the last five)", WRONG_PASSWORDS, statuses, firstFive, lastFive)
                .isTrue();
    }

    @ParameterizedTest(name = "?{0}=<access token>")
    @ValueSource(strings = {"access_token", "token"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API2:2023 Broken Authentication — an access token in the query string is not a credential (401): "
            + "URLs end up in logs, proxies and browser history")
    @Covers({"OWASP API2:2023 Broken Authentication", "§2 Bearer missing header 401"})
    void accessTokenInQueryStringIsNotAccepted(String parameter, ApiTarget target, Tenant tenant) {
        UsersApi anonymous = new UsersApi(target.specs().anonymous(), ResourceTracker.NONE);

        ApiResponse response = anonymous.list(Map.of(parameter, tenant.admin().account().accessToken()));

        assertThat(response).as("GET /api/v1/users?%s=<a valid access token> without an Authorization header",
                parameter).isUnauthorized();
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("API2:2023 Broken Authentication — a rejected token is never echoed back in the error body "
            + "or the WWW-Authenticate header")
    @Covers({"OWASP API2:2023 Broken Authentication", "§2 bad signature 401", "§2 POST /auth/refresh 401"})
    void rejectedTokensAreNotEchoed(ApiTarget target, Tenant tenant) {
        TokenPair tokens = tenant.admin().account().tokens();
        String badSignature = Jwt.withBrokenSignature(tokens.accessToken());
        UsersApi forger = new UsersApi(target.specs().bearer(badSignature), ResourceTracker.NONE);

        List<ApiResponse> rejections = List.of(
                forger.list(),
                target.auth().refresh(badSignature),
                target.auth().refresh(tokens.accessToken()));

        for (ApiResponse rejection : rejections) {
            assertThat(rejection).as("%s with a token it must reject", rejection.request()).hasStatus(401);
            String echoed = rejection.body() + " " + rejection.header("WWW-Authenticate");
            for (String part : tokens.accessToken().split("\\.")) {
                assertThat(echoed).as("401 of %s: no part of the presented token may come back (token parts "
                        + "in errors end up in logs and reports)", rejection.request()).doesNotContain(part);
            }
            assertThat(echoed).as("401 of %s", rejection.request()).doesNotContain(badSignature.split("\\.")[2]);
        }
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API2:2023 Broken Authentication — the tokens carry neither the password nor a password hash "
            + "(a JWT is only signed, anyone can read it)")
    @Covers({"OWASP API2:2023 Broken Authentication", "§2 access token claims", "§2 refresh token claims"})
    void tokensCarryNoPasswordMaterial(Tenant tenant) {
        Account admin = tenant.admin().account();

        for (var token : Map.of("access token", admin.tokens().accessToken(),
                "refresh token", admin.tokens().refreshToken()).entrySet()) {
            Map<String, Object> claims = Jwt.claims(token.getValue());
            assertThat(claims.keySet()).as("claim names of the admin's %s: none may name a password, hash, salt or "
                    + "secret%n  claims %s", token.getKey(), claims.keySet())
                    .noneMatch(Leaks::isCredentialName);
            claims.forEach((name, value) -> {
                String text = String.valueOf(value);
                // A boolean, so that the password never reaches the failure message.
                assertThat(text.contains(admin.password()))
                        .as("claim '%s' of the admin's %s holds its clear-text password", name, token.getKey())
                        .isFalse();
                assertThat(Leaks.isPasswordHash(text))
                        .as("claim '%s' of the admin's %s is a password hash: anyone holding the token can attack it "
                                + "offline", name, token.getKey())
                        .isFalse();
            });
        }
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("API2:2023 Broken Authentication — token lifetimes are the configured ones and bounded: "
            + "access at most 24 h, refresh at most 30 days")
    @Covers({"OWASP API2:2023 Broken Authentication", "§2 access tokens live 30 minutes (deployment setting)"})
    void tokenLifetimesAreBounded(ApiTarget target, Tenant tenant) {
        TokenPair tokens = tenant.admin().account().tokens();
        Duration configured = target.config().accessTokenTtl();

        Duration access = lifetime(tokens.accessToken());
        Duration refresh = lifetime(tokens.refreshToken());

        assertThat(access).as("access token lifetime (exp - iat, or exp - now without iat): the configured %s", configured)
                .isLessThanOrEqualTo(configured.plus(CLOCK_SKEW))
                .isGreaterThan(Duration.ZERO);
        if (Jwt.claims(tokens.accessToken()).get("iat") != null) {
            assertThat(access).as("access token exp - iat: the configured %s", configured)
                    .isGreaterThanOrEqualTo(configured.minus(CLOCK_SKEW));
        }
        assertThat(access).as("access token lifetime: a bearer token valid for more than %s is a standing "
                + "credential", ACCESS_TOKEN_CEILING).isLessThanOrEqualTo(ACCESS_TOKEN_CEILING);
        assertThat(refresh).as("refresh token lifetime: one valid for more than %s never really expires",
                REFRESH_TOKEN_CEILING).isLessThanOrEqualTo(REFRESH_TOKEN_CEILING).isGreaterThan(Duration.ZERO);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "shortSigningKey", reason = "RFC 7518 section 3.2 asks for an HS256 key of at least 256 "
            + "bits; a shorter secret can be guessed offline from any token the deployment issued, and whoever has "
            + "it signs any user, tenant and role (OWASP API2:2023, API8:2023)")
    @DisplayName("API2:2023 Broken Authentication — the deployment signs its tokens with an HS256 secret of at "
            + "least 256 bits (RFC 7518)")
    @Covers({"OWASP API2:2023 Broken Authentication", "OWASP API8:2023 Security Misconfiguration",
            "§2 HS256 secrets are a deployment setting of any length"})
    void signingSecretHasAtLeast256Bits(ApiTarget target, Tenant tenant) {
        String secret = target.signingSecretOrSkip("The length of the signing secret");
        if (!Jwt.isSignedWith(tenant.admin().account().accessToken(), secret)) {
            throw new NotJudged("needs the target's signing secret, and the configured one does not verify the tokens "
                    + "the target issues", "set API_JWT_SECRET to the deployment's HS256 secret");
        }
        int bits = secret.getBytes(StandardCharsets.UTF_8).length * 8;

        assertThat(bits).as("the deployment's HS256 signing secret is shorter than 256 bits (RFC 7518 section 3.2)%n"
                + "  its tokens verify with the configured secret of %d bits", bits).isGreaterThanOrEqualTo(256);
    }

    /** exp - iat when the token says when it was issued, else what is left of it now. */
    private static Duration lifetime(String token) {
        Map<String, Object> claims = Jwt.claims(token);
        assertThat(claims).as("claims of a token: exp is required").containsKey("exp");
        Instant exp = ((Date) claims.get("exp")).toInstant();
        Instant from = claims.get("iat") instanceof Date iat ? iat.toInstant() : Instant.now();
        return Duration.between(from, exp);
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
