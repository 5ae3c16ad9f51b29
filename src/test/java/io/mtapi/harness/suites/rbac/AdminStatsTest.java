package io.mtapi.harness.suites.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.AdminStats;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.TenantList;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
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

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * The stats count the whole system while other tests (and other runs) add and remove data in
 * parallel, so every check is a lower bound: at least what this class knows it holds, at least
 * N more after adding N. Nothing in this class deletes anything before its tenant's clean-up.
 */
@ContractTest
@Tag(Tags.RBAC)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Roles")
@Story("Admin statistics")
@DisplayName("Admin statistics")
class AdminStatsTest {

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/admin/stats counts at least the admin's own tenant's users, files and bytes")
    @Covers({"§6 GET /api/v1/admin/stats 200"})
    void statsCoverTheOwnTenantsData(Tenant tenant) {
        FileMetadata file = tenant.files().uploaded(SampleFiles.text());
        long ownUsers = ok(tenant.users().list(Map.of("page_size", 1, "active_only", false)))
                .as(new TypeReference<Page<User>>() { }).totalCount();
        long ownFiles = ok(tenant.files().list(Map.of("page_size", 1)))
                .as(new TypeReference<Page<FileMetadata>>() { }).totalCount();
        long tenants = ok(tenant.admin().administration().tenants()).as(TenantList.class).total();

        ApiResponse response = tenant.admin().administration().stats(); // schema-checked on the way

        assertThat(response).as("GET /api/v1/admin/stats as the admin of %s", tenant).isOk();
        AdminStats stats = response.as(AdminStats.class);
        assertThat(stats.totalTenants()).as("total_tenants (tenants are never deleted: at least the listing's total)")
                .isGreaterThanOrEqualTo(tenants);
        assertThat(stats.totalUsers()).as("total_users (at least %s's own %d users)", tenant, ownUsers)
                .isGreaterThanOrEqualTo(ownUsers);
        assertThat(stats.totalFiles()).as("total_files (at least %s's own %d files)", tenant, ownFiles)
                .isGreaterThanOrEqualTo(Math.max(1, ownFiles));
        assertThat(stats.totalStorageBytes()).as("total_storage_bytes (at least the %d bytes just uploaded)",
                file.sizeBytes()).isGreaterThanOrEqualTo(file.sizeBytes());
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/admin/stats is current: total_users grows by at least N after N users are created")
    @Covers({"§6 GET /api/v1/admin/stats 200", "§3 POST /api/v1/users/bulk 201"})
    void statsGrowWithNewUsers(Tenant tenant) {
        int added = 3;
        AdminStats before = ok(tenant.admin().administration().stats()).as(AdminStats.class);

        tenant.users().createdInBulk(Users.valid(added));

        ApiResponse response = tenant.admin().administration().stats();
        assertThat(response).as("GET /api/v1/admin/stats after creating %d users", added).isOk();
        AdminStats after = response.as(AdminStats.class);
        assertThat(after.totalUsers()).as("total_users after creating %d users (was %d)", added, before.totalUsers())
                .isGreaterThanOrEqualTo(before.totalUsers() + added);
        assertThat(after.totalTenants()).as("total_tenants (never shrinks; was %d)", before.totalTenants())
                .isGreaterThanOrEqualTo(before.totalTenants());
    }

    private static ApiResponse ok(ApiResponse setup) {
        assertThat(setup).as("setup call %s", setup.request()).isOk();
        return setup;
    }
}
