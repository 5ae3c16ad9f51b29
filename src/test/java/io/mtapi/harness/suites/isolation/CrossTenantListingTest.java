package io.mtapi.harness.suites.isolation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Other;
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

import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2) // each admin lists users and files twice
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Listings across tenants")
@Severity(SeverityLevel.CRITICAL)
@DisplayName("Tenant isolation of listings and counts")
class CrossTenantListingTest {

    @Test
    @DisplayName("Another tenant's new users and files neither appear in a tenant's listings nor move their total_count")
    @Covers({"§3 GET /api/v1/users 200", "§5 GET /api/v1/files 200", "OWASP API1:2023 BOLA",
            "OWASP API3:2023 Broken Object Property Level Authorization"})
    void listingsAndCountsIgnoreAnotherTenantsAdditions(Tenant tenant, @Other Tenant observer) {
        // The observer is this class's alone (and this is its only test), so its counts move only if another
        // tenant's data leaks in; a pre-provisioned tenant (registration closed) is shared, so it cannot judge.
        observer.requireToItself();
        FileMetadata own = observer.files().uploaded(SampleFiles.text());
        Page<User> usersBefore = users(observer);
        Page<FileMetadata> filesBefore = observer.files().listed(Map.of("page_size", 100));

        // One new user is enough to move a leaking count, and each one costs the target a password hash.
        List<User> added = tenant.users().createdInBulk(Users.valid(1));
        FileMetadata uploaded = tenant.files().uploaded(SampleFiles.text());

        Page<User> usersAfter = users(observer);
        Page<FileMetadata> filesAfter = observer.files().listed(Map.of("page_size", 100));
        assertThat(usersAfter.totalCount()).as("total_count of tenant B's users after tenant A created one: unchanged")
                .isEqualTo(usersBefore.totalCount());
        assertThat(filesAfter.totalCount()).as("total_count of tenant B's files after tenant A uploaded one: unchanged")
                .isEqualTo(filesBefore.totalCount());
        assertThat(usersAfter.data()).as("ids of the users listed for tenant B: not tenant A's new user")
                .extracting(User::id).doesNotContainAnyElementsOf(added.stream().map(User::id).toList());
        assertThat(usersAfter.data()).as("tenant_id of every user listed for tenant B: B's")
                .extracting(User::tenantId).containsOnly(observer.id());
        assertThat(filesAfter.data()).as("ids of the files listed for tenant B: its own file, not tenant A's new one")
                .extracting(FileMetadata::id).contains(own.id()).doesNotContain(uploaded.id());
        assertThat(filesAfter.data()).as("tenant_id of every file listed for tenant B: B's")
                .extracting(FileMetadata::tenantId).containsOnly(observer.id());
    }

    private static Page<User> users(Tenant tenant) {
        ApiResponse response = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(response).as("a tenant's admin lists its users").isOk();
        return response.as(new TypeReference<Page<User>>() { });
    }
}
