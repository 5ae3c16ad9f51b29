package io.mtapi.harness.suites.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.AdminStats;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.TenantList;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.api.RegisterResult;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.data.Tenants;
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

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * The stats count the whole system while other tests (and other runs) add and remove data in
 * parallel, so every check is a lower bound: at least what this class knows it holds. Which users
 * {@code total_users} counts (all, or active ones only) the contract leaves open, so it is bounded
 * by the tenant's active users; that the stats are current is judged on {@code total_tenants},
 * the one count nothing can lower (tenants are never deleted).
 */
@ContractTest
@CallsPerBudget(3) // the admin's GET /api/v1/admin/stats
@Tag(Tags.RBAC)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Roles")
@Story("Admin statistics")
@DisplayName("Admin statistics")
class AdminStatsTest {

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/admin/stats counts at least the admin's own tenant's active users, files and bytes")
    @Covers({"§6 GET /api/v1/admin/stats 200"})
    void statsCoverTheOwnTenantsData(Tenant tenant) {
        FileMetadata file = tenant.files().uploaded(SampleFiles.text());
        long ownActiveUsers = ok(tenant.users().list(Map.of("page_size", 1)))
                .as(new TypeReference<Page<User>>() { }).totalCount();
        long ownFiles = ok(tenant.files().list(Map.of("page_size", 1)))
                .as(new TypeReference<Page<FileMetadata>>() { }).totalCount();
        long tenants = ok(tenant.admin().administration().tenants()).as(TenantList.class).total();

        ApiResponse response = tenant.admin().administration().stats(); // schema-checked on the way

        assertThat(response).as("GET /api/v1/admin/stats as a tenant's admin").isOk();
        AdminStats stats = response.as(AdminStats.class);
        assertThat(stats.totalTenants()).as("total_tenants: at least the tenant listing's total (tenants are never deleted)")
                .isGreaterThanOrEqualTo(tenants);
        assertThat(stats.totalUsers()).as("total_users: at least the admin's own tenant's active users")
                .isGreaterThanOrEqualTo(ownActiveUsers);
        assertThat(stats.totalFiles()).as("total_files: at least the admin's own tenant's files, one just uploaded")
                .isGreaterThanOrEqualTo(Math.max(1, ownFiles));
        assertThat(stats.totalStorageBytes()).as("total_storage_bytes: at least the bytes just uploaded")
                .isGreaterThanOrEqualTo(file.sizeBytes());
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/admin/stats is current: total_tenants grows by at least one after a registration")
    @Covers({"§6 GET /api/v1/admin/stats 200", "§2 POST /auth/register 201"})
    void statsGrowWithANewTenant(ApiTarget target, Tenant tenant) {
        AdminStats before = ok(tenant.admin().administration().stats()).as(AdminStats.class);
        Registration registration = Tenants.registration();

        ApiResponse registered = target.auth().register(registration);

        assertThat(registered).as("registering a new tenant").isCreated();
        target.adopt(registration, registered.as(RegisterResult.class),
                target.login(registration.adminUsername(), registration.adminPassword()));
        ApiResponse response = tenant.admin().administration().stats();
        assertThat(response).as("GET /api/v1/admin/stats after a new registration").isOk();
        assertThat(response.as(AdminStats.class).totalTenants())
                .as("total_tenants after a new registration: at least one more than before%n  before: %d",
                        before.totalTenants())
                .isGreaterThanOrEqualTo(before.totalTenants() + 1);
    }

    private static ApiResponse ok(ApiResponse setup) {
        assertThat(setup).as("setup call %s", setup.request()).isOk();
        return setup;
    }
}
