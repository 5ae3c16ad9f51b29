package io.mtapi.harness.suites.isolation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Other;
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

import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * A token signed with the right secret whose {@code tenant_id} claim names another tenant
 * than its user's: what an insider with the secret, a leaked secret, or a token-issuing
 * bug produces. Only a holder of the signing secret can make one, and CONTRACT.md ("Token
 * trust") lets a deployment take the tenant from a token it signed, so these are
 * contract-gap checks ({@code gaps.signedTenantClaimChecked}): a deployment that also checks
 * the claim against its store gives nothing of the claimed tenant, whatever it answers.
 * Whatever a trusting deployment creates in the claimed tenant is removed by that tenant's
 * admin, so the finding leaves nothing behind for the next borrower of the tenant.
 */
@ContractTest
@CallsPerBudget(1) // each admin lists, creates and uploads once
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Tenant claim in the token")
@Severity(SeverityLevel.BLOCKER)
@ContractGap(value = "signedTenantClaimChecked", reason = ForgedTenantClaimTest.GAP)
@DisplayName("Tenant isolation against a forged tenant_id claim")
class ForgedTenantClaimTest {

    static final String GAP = "forging a tenant_id claim takes the signing secret, and CONTRACT.md (Token trust) lets a "
            + "deployment take the tenant from a token it signed without reading its store again; an environment "
            + "whose secret may leak wants the claim checked against the user's tenant";

    @Test
    @DisplayName("A signed token of tenant B's admin claiming tenant A reads nothing of A (any answer, but none of A's data)")
    @Covers({"§2 access token claims", "§2 Token trust: a check whose attack needs the secret is a contract gap",
            "§3 GET /api/v1/users 200", "§5 GET /api/v1/files 200", "§3 GET /api/v1/users/{id} 404",
            "§5 GET /api/v1/files/{id} 404", "OWASP API1:2023 BOLA", "OWASP API2:2023 Broken Authentication"})
    void forgedTenantClaimReadsNothingOfThatTenant(ApiTarget target, Tenant tenant, @Other Tenant other) {
        Caller intruder = claimingTenant(target, other, tenant);
        // Any user of tenant A will do for a read: its admin exists already, no new user (password hash) needed.
        String alice = tenant.admin().account().userId();
        FileMetadata file = tenant.files().uploaded(SampleFiles.text());

        ApiResponse users = intruder.users().list(Map.of("page_size", 100, "active_only", false));
        if (users.status() == 200) {
            assertThat(users.as(new TypeReference<Page<User>>() { }).data())
                    .as("tenant_id of the users tenant B's admin lists with a token claiming tenant A: none of A's")
                    .extracting(User::tenantId).doesNotContain(tenant.id());
        }
        ApiResponse files = intruder.files().list(Map.of("page_size", 100));
        if (files.status() == 200) {
            assertThat(files.as(new TypeReference<Page<FileMetadata>>() { }).data())
                    .as("tenant_id of the files tenant B's admin lists with a token claiming tenant A: none of A's")
                    .extracting(FileMetadata::tenantId).doesNotContain(tenant.id());
        }
        assertThat(intruder.users().get(alice))
                .as("tenant B's admin reads tenant A's user with a token claiming tenant A")
                .isNotSuccessful();
        assertThat(intruder.files().download(file.id()))
                .as("tenant B's admin downloads tenant A's file with a token claiming tenant A")
                .isNotSuccessful();
    }

    @Test
    @DisplayName("A signed token of tenant B's admin claiming tenant A creates nothing in A (any answer, but nothing lands in A)")
    @Covers({"§2 access token claims", "§2 Token trust: a check whose attack needs the secret is a contract gap",
            "§3 POST /api/v1/users 201", "§5 POST /api/v1/files/upload 201", "OWASP API1:2023 BOLA",
            "OWASP API2:2023 Broken Authentication"})
    void forgedTenantClaimCreatesNothingInThatTenant(ApiTarget target, Tenant tenant, @Other Tenant other) {
        Caller intruder = claimingTenant(target, other, tenant);
        NewUser sent = Users.valid();
        SampleFile sample = SampleFiles.text();

        intruder.users().create(sent);
        intruder.files().upload(sample);

        ApiResponse theirUsers = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(theirUsers).as("tenant A's admin lists its users").isOk();
        List<User> landedUsers = theirUsers.as(new TypeReference<Page<User>>() { }).data().stream()
                .filter(user -> sent.username().equals(user.username())).toList();
        List<FileMetadata> landedFiles = tenant.files().listed(Map.of("page_size", 100)).data().stream()
                .filter(listed -> sample.filename().equals(listed.filename())).toList();
        try {
            assertThat(landedUsers).as("users in tenant A made by tenant B's admin with a token claiming tenant A")
                    .extracting(User::username).isEmpty();
            assertThat(landedFiles).as("files in tenant A uploaded by tenant B's admin with a token claiming tenant A")
                    .extracting(FileMetadata::filename).isEmpty();
        } finally {
            landedUsers.forEach(user -> tenant.users().delete(user.id()));
            landedFiles.forEach(landed -> tenant.files().delete(landed.id()));
        }
    }

    /** The admin of {@code real}, presenting a correctly signed token whose tenant_id claim is {@code claimed}'s. */
    private static Caller claimingTenant(ApiTarget target, Tenant real, Tenant claimed) {
        String secret = target.signingSecretOrSkip("Forging a tenant_id claim");
        Account admin = real.admin().account();
        String token = Jwt.mint(secret, Jwt.accessClaims(admin.userId(), claimed.id(), admin.username(), "admin",
                target.config().accessTokenTtl()));
        return real.adminWithToken(token);
    }
}
