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

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * A token signed with the right secret whose {@code tenant_id} claim names another tenant
 * than its user's: what an insider with the secret, a leaked secret, or a token-issuing
 * bug produces. The user record is the truth: the target answers 401 (claims disagree
 * with the store) or serves the user's real tenant, and never the claimed tenant's data.
 */
@ContractTest
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Tenant claim in the token")
@Severity(SeverityLevel.BLOCKER)
@DisplayName("Tenant isolation against a forged tenant_id claim")
class ForgedTenantClaimTest {

    @Test
    @DisplayName("A signed token of tenant B's admin claiming tenant A reads nothing of A (401, or B's data only)")
    @Covers({"§2 access token claims", "§3 GET /api/v1/users 200", "§5 GET /api/v1/files 200",
            "§3 GET /api/v1/users/{id} 404", "§5 GET /api/v1/files/{id} 404", "OWASP API1:2023 BOLA",
            "OWASP API2:2023 Broken Authentication"})
    void forgedTenantClaimReadsNothingOfThatTenant(ApiTarget target, Tenant tenant, @Other Tenant other) {
        Caller intruder = claimingTenant(target, other, tenant);
        User alice = tenant.users().created(Users.valid());
        FileMetadata file = tenant.files().uploaded(SampleFiles.text());

        ApiResponse users = intruder.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(users).as("users listed by %s with a token claiming %s", other, tenant).hasStatusIn(200, 401);
        if (users.status() == 200) {
            Page<User> page = users.as(new TypeReference<Page<User>>() { });
            assertThat(page.data()).as("users listed by %s with a token claiming %s", other, tenant)
                    .extracting(User::tenantId).containsOnly(other.id());
        }
        ApiResponse files = intruder.files().list(Map.of("page_size", 100));
        assertThat(files).as("files listed by %s with a token claiming %s", other, tenant).hasStatusIn(200, 401);
        if (files.status() == 200) {
            Page<FileMetadata> page = files.as(new TypeReference<Page<FileMetadata>>() { });
            assertThat(page.data()).as("files listed by %s with a token claiming %s", other, tenant)
                    .extracting(FileMetadata::id).doesNotContain(file.id());
            assertThat(page.data()).as("tenant_id of files listed by %s with a token claiming %s", other, tenant)
                    .extracting(FileMetadata::tenantId).containsOnly(other.id());
        }
        assertThat(intruder.users().get(alice.id()))
                .as("%s reads %s's user %s with a token claiming %s", other, tenant, alice.username(), tenant)
                .hasStatusIn(401, 404);
        assertThat(intruder.files().download(file.id()))
                .as("%s downloads %s's file %s with a token claiming %s", other, tenant, file.filename(), tenant)
                .hasStatusIn(401, 404);
    }

    @Test
    @DisplayName("A signed token of tenant B's admin claiming tenant A creates nothing in A (401, or the object lands in B)")
    @Covers({"§2 access token claims", "§3 POST /api/v1/users 201", "§5 POST /api/v1/files/upload 201",
            "OWASP API1:2023 BOLA", "OWASP API2:2023 Broken Authentication"})
    void forgedTenantClaimCreatesNothingInThatTenant(ApiTarget target, Tenant tenant, @Other Tenant other) {
        Caller intruder = claimingTenant(target, other, tenant);
        NewUser sent = Users.valid();
        SampleFile sample = SampleFiles.text();

        ApiResponse created = intruder.users().create(sent);
        ApiResponse uploaded = intruder.files().upload(sample);

        assertThat(created).as("%s creates a user with a token claiming %s", other, tenant).hasStatusIn(201, 401);
        if (created.status() == 201) {
            assertThat(created.as(User.class)).as("user created with a token claiming %s", tenant).belongsTo(other);
        }
        assertThat(uploaded).as("%s uploads a file with a token claiming %s", other, tenant).hasStatusIn(201, 401);
        if (uploaded.status() == 201) {
            assertThat(uploaded.as(FileMetadata.class)).as("file uploaded with a token claiming %s", tenant)
                    .belongsTo(other);
        }
        ApiResponse theirUsers = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(theirUsers).as("%s lists its users", tenant).isOk();
        assertThat(theirUsers.as(new TypeReference<Page<User>>() { }).data())
                .as("users of %s after %s created one with a token claiming %s", tenant, other, tenant)
                .extracting(User::username).doesNotContain(sent.username());
        assertThat(tenant.files().listed(Map.of("page_size", 100)).data())
                .as("files of %s after %s uploaded one with a token claiming %s", tenant, other, tenant)
                .extracting(FileMetadata::filename).doesNotContain(sample.filename());
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
