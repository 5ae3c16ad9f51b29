package io.mtapi.harness.matrix;

import io.mtapi.harness.config.SimulatedEnvironment;
import io.mtapi.harness.fixtures.Member;
import io.mtapi.harness.fixtures.NotJudged;
import io.mtapi.harness.reference.ReferenceSettings;
import io.mtapi.harness.reference.ReferenceTarget;
import io.qameta.allure.Allure;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First contact with deployments the harness has never seen: the reference target plays the
 * choices real deployments make (CONTRACT.md 2 and 7a), and a contract run against it must end
 * with 0 errors and nothing failed that the deployment did right; what cannot be judged there is
 * skipped, saying why and how to enable it. The whole contract runs where the choice touches every
 * test; elsewhere the suites it affects. Except in (a), the reference runs as a deployment the
 * harness is pointed at: it does not know its secret unless the run's environment says it.
 */
@Tag("selftest")
@Execution(ExecutionMode.SAME_THREAD) // each run keeps 8 threads busy: one at a time
@DisplayName("First contact: deployments the harness has never seen")
class FirstContactTest {

    private static final Logger LOG = LoggerFactory.getLogger(FirstContactTest.class);
    /** A dev deployment's secret from the field: 15 bytes, far below RFC 7518's 256 bits. */
    private static final String SHORT_SECRET = "test_secret_key";
    private static final String PASSWORD = "Provisioned-Pass-1";
    /** Classes that mint tokens with the secret (expired, forged, weak-secret check), beside those taking a Member. */
    private static final List<String> MINTING = List.of("io.mtapi.harness.suites.auth.InvalidAccessTokenTest",
            "io.mtapi.harness.suites.auth.TokenRefreshTest", "io.mtapi.harness.suites.isolation.ForgedTenantClaimTest",
            "io.mtapi.harness.suites.security.BrokenAuthenticationTest");

    @Test
    @DisplayName("(a) A target that answers every upgrade request with 400 (uvicorn 0.17): the whole contract passes")
    void upgradeRequestsRefused(@TempDir Path out) {
        SuiteRun.Outcome outcome = SuiteRun.run(null, Map.of("reference.http.rejectUpgrade", "true",
                "harness.outputDir", out.toString()));

        report("(a) upgrade requests refused", outcome);
        assertThat(outcome.testsRun()).as("contract tests run").isGreaterThan(400);
        assertThat(outcome.errors()).as("errors").isEmpty();
        assertThat(outcome.failures()).as("failures against a target that refuses upgrades").isEmpty();
    }

    @Test
    @DisplayName("(b) A 15-byte signing secret: members and minted tokens work, the weak secret is the one finding")
    void shortSigningSecret(@TempDir Path out) {
        SuiteRun.Outcome outcome = against(deployment().withJwtSecret(SHORT_SECRET), Map.of("API_JWT_SECRET", SHORT_SECRET),
                out, parameters -> SuiteRun.runClassesAgainst(union(SuiteRun.classesTaking(Member.class), MINTING), parameters));

        report("(b) 15-byte secret", outcome);
        assertThat(outcome.errors()).as("errors").isEmpty();
        assertThat(outcome.failures()).as("failures: only the weak-secret finding").singleElement().asString()
                .contains("Contract-gap finding 'shortSigningKey'");
        assertThat(notJudged(outcome)).as("tests not judged although the secret is known").isEmpty();
    }

    @Test
    @DisplayName("(c) No secret and no credentials: the whole contract runs, what needs them is not judged and says why")
    void noSecretNoCredentials(@TempDir Path out) {
        SuiteRun.Outcome outcome = against(deployment(), Map.of(), out, parameters -> SuiteRun.runAgainst(null, parameters));

        report("(c) no secret, no credentials", outcome);
        assertThat(outcome.errors()).as("errors").isEmpty();
        assertThat(outcome.failures()).as("failures").isEmpty();
        assertThat(outcome.skipped()).as("skipped: not judged, or a contract-gap check switched off for the env")
                .allMatch(skip -> skip.contains(NotJudged.PREFIX) || skip.contains("is switched off"));
        List<String> forMember = notJudged(outcome).stream().filter(s -> s.contains("needs a role-user member")).toList();
        List<String> forSecret = notJudged(outcome).stream().filter(s -> s.contains("needs the target's signing secret")).toList();
        assertThat(forMember).as("tests not judged for want of a member, each naming the variables that enable it")
                .isNotEmpty().allMatch(s -> s.contains("API_MEMBER_USERNAME") && s.contains("API_JWT_SECRET"));
        assertThat(forSecret).as("tests not judged for want of the signing secret, each naming API_JWT_SECRET")
                .isNotEmpty().allMatch(s -> s.contains("API_JWT_SECRET"));
        for (String memberClass : SuiteRun.classesTaking(Member.class)) {
            String name = displayNameOf(memberClass);
            assertThat(forMember).as("tests of %s not judged for want of a member", name).anyMatch(s -> s.startsWith(name + " > "));
        }
    }

    @Test
    @DisplayName("(d) Only the initial password of created users: the member tests run and pass")
    void initialPasswordOnly(@TempDir Path out) {
        String initial = "Initial-Pass-123";
        SuiteRun.Outcome outcome = against(deployment().withInitialPassword(initial),
                Map.of("API_USERS_INITIAL_PASSWORD", initial), out,
                parameters -> SuiteRun.runClassesAgainst(SuiteRun.classesTaking(Member.class), parameters));

        report("(d) initial password only", outcome);
        assertThat(outcome.errors()).as("errors").isEmpty();
        assertThat(outcome.failures()).as("failures").isEmpty();
        assertThat(notJudged(outcome)).as("not judged for want of a member").noneMatch(s -> s.contains("role-user member"));
        assertThat(outcome.skipped()).as("skipped: the tests that mint tokens with the secret, and no others")
                .allMatch(s -> s.contains("needs the target's signing secret") || s.contains("is switched off"));
    }

    @Test
    @DisplayName("(e) Only a pre-provisioned member (and its admin): the member tests run and pass")
    void provisionedMemberOnly(@TempDir Path out) {
        try (ReferenceTarget reference = ReferenceTarget.start(deployment())) {
            long stamp = System.nanoTime();
            String admin = "ops-admin-" + stamp;
            String member = "ops-member-" + stamp;
            reference.provisionUser(reference.provisionTenant("ops-" + stamp, admin, PASSWORD), member, PASSWORD, "user");
            SuiteRun.Outcome outcome = against(reference, Map.of("API_ADMIN_USERNAME", admin, "API_ADMIN_PASSWORD", PASSWORD,
                    "API_MEMBER_USERNAME", member, "API_MEMBER_PASSWORD", PASSWORD), out,
                    parameters -> SuiteRun.runClassesAgainst(SuiteRun.classesTaking(Member.class), parameters));

            report("(e) pre-provisioned member only", outcome);
            assertThat(outcome.errors()).as("errors").isEmpty();
            assertThat(outcome.failures()).as("failures").isEmpty();
            assertThat(notJudged(outcome)).as("not judged for want of a member: only the rate-limit budget tests, whose "
                    + "tenant is their own").filteredOn(s -> s.contains("role-user member"))
                    .allMatch(s -> s.startsWith("Rate limiting")).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("(f) Registration refused, two pre-provisioned admins: the suites run in their tenants; what needs "
            + "a registration is not judged")
    void registrationRefusedTwoProvisionedAdmins(@TempDir Path out) {
        try (ReferenceTarget reference = ReferenceTarget.start(deployment().withRegistrationOpen(false))) {
            long stamp = System.nanoTime();
            reference.provisionTenant("ops-a-" + stamp, "ops-admin-a-" + stamp, PASSWORD);
            reference.provisionTenant("ops-b-" + stamp, "ops-admin-b-" + stamp, PASSWORD);
            SuiteRun.Outcome outcome = against(reference, Map.of("API_ADMIN_USERNAME", "ops-admin-a-" + stamp,
                    "API_ADMIN_PASSWORD", PASSWORD, "API_OTHER_ADMIN_USERNAME", "ops-admin-b-" + stamp,
                    "API_OTHER_ADMIN_PASSWORD", PASSWORD), out,
                    parameters -> SuiteRun.runAgainst("auth | users | tenant_isolation | rbac", parameters));

            report("(f) registration refused, two pre-provisioned admins", outcome);
            assertThat(outcome.errors()).as("errors").isEmpty();
            assertThat(outcome.failures()).as("failures").isEmpty();
            assertThat(outcome.testsRun() - outcome.skipped().size()).as("tests judged in the pre-provisioned tenants")
                    .isGreaterThan(100);
            assertThat(notJudged(outcome)).as("not judged").anyMatch(s -> s.contains("refuses registration"));
        }
    }

    @Test
    @DisplayName("(g) HTTPS with a self-signed certificate given as the trusted CA: the suites pass; without it the "
            + "run stops in the preflight, naming the key")
    void httpsWithATrustedCompanyCa(@TempDir Path out) throws java.io.IOException {
        try (ReferenceTarget reference = ReferenceTarget.start(deployment().withTls(true))) {
            assertThat(reference.baseUrl()).startsWith("https://");
            Path ca = java.nio.file.Files.writeString(out.resolve("company-ca.pem"), reference.certificatePem().orElseThrow());

            SuiteRun.Outcome trusted = against(reference, Map.of("API_TLS_TRUSTED_CA", ca.toString()), out.resolve("trusted"),
                    parameters -> SuiteRun.runAgainst("smoke | files", parameters));
            report("(g) HTTPS, CA trusted", trusted);
            assertThat(trusted.testsRun()).as("tests run over HTTPS").isPositive();
            assertThat(trusted.errors()).as("errors").isEmpty();
            assertThat(trusted.failures()).as("failures").isEmpty();

            SuiteRun.Outcome untrusted = against(reference, Map.of(), out.resolve("untrusted"),
                    parameters -> SuiteRun.runAgainst("smoke", parameters));
            report("(g) HTTPS, CA not trusted", untrusted);
            assertThat(untrusted.testsRun()).as("tests run without the CA").isZero();
            assertThat(untrusted.failures()).as("the one stop, in the preflight").singleElement().asString()
                    .contains("failed the TLS handshake", "api.tls.trustedCa", "API_TLS_TRUSTED_CA");
        }
    }

    /** The reference as a deployment: contract limits, a 3 s rate-limit window (as the embedded env expects). */
    private static ReferenceSettings deployment() {
        return ReferenceSettings.defaults().withRateLimit(10, Duration.ofSeconds(3));
    }

    private static SuiteRun.Outcome against(ReferenceSettings settings, Map<String, String> variables, Path out,
                                            Function<Map<String, String>, SuiteRun.Outcome> run) {
        try (ReferenceTarget reference = ReferenceTarget.start(settings)) {
            return against(reference, variables, out, run);
        }
    }

    /** Runs against the reference as against any deployment, with exactly these environment variables. */
    private static SuiteRun.Outcome against(ReferenceTarget reference, Map<String, String> variables, Path out,
                                            Function<Map<String, String>, SuiteRun.Outcome> run) {
        try (SimulatedEnvironment environment = SimulatedEnvironment.of(variables)) {
            Map<String, String> parameters = new HashMap<>(Map.of("env", "embedded", "api.baseUrl", reference.baseUrl(),
                    SimulatedEnvironment.PARAMETER, environment.id(), "harness.outputDir", out.toString()));
            return run.apply(parameters);
        }
    }

    private static String displayNameOf(String className) {
        try {
            org.junit.jupiter.api.DisplayName name = Class.forName(className).getAnnotation(org.junit.jupiter.api.DisplayName.class);
            return name == null ? className.substring(className.lastIndexOf('.') + 1) : name.value();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> notJudged(SuiteRun.Outcome outcome) {
        return outcome.skipped().stream().filter(s -> s.contains(NotJudged.PREFIX)).toList();
    }

    private static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static void report(String run, SuiteRun.Outcome outcome) {
        String text = run + ": " + outcome.counts() + " in " + outcome.elapsed().toSeconds() + " s";
        LOG.info("{}", text);
        Allure.addAttachment(run, "text/plain", text + "\n\nfailures:\n" + String.join("\n", outcome.failures())
                + "\n\nskipped:\n" + String.join("\n", outcome.skipped()), ".txt");
    }
}
