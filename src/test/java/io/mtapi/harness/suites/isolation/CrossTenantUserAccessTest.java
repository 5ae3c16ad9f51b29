package io.mtapi.harness.suites.isolation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
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

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2) // tenant A's admin creates the update and the delete victim
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER1)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Users across tenants")
@Severity(SeverityLevel.BLOCKER)
@DisplayName("Tenant isolation of users")
class CrossTenantUserAccessTest {

    @Test
    @Tag(Tags.SMOKE)
    @DisplayName("Tenant B cannot read tenant A's user: 404, as for an unknown id")
    @Covers({"§3 GET /api/v1/users/{id} 404 other tenant", "OWASP API1:2023 BOLA"})
    void otherTenantCannotReadUser(Tenant tenant, @Other Tenant other) {
        // Any user of tenant A will do for a read: its admin exists already, no new user (password hash) needed.
        String alice = tenant.admin().account().userId();

        assertThat(other.users().get(alice))
                .as("tenant B reads tenant A's user")
                .isNotFoundForOtherTenant();
    }

    @Test
    @DisplayName("Tenant B cannot update tenant A's user: 404, and the user is unchanged")
    @Covers({"§3 PUT /api/v1/users/{id} 404 other tenant", "OWASP API1:2023 BOLA"})
    void otherTenantCannotUpdateUser(Tenant tenant, @Other Tenant other) {
        User alice = tenant.users().created(Users.valid());

        assertThat(other.users().update(alice.id(), Map.of("full_name", "Taken over", "email", Users.email())))
                .as("tenant B updates tenant A's user")
                .isNotFoundForOtherTenant();

        assertThat(tenant.users().get(alice.id()).as(User.class))
                .as("tenant A's user read by its owner after tenant B's rejected update: unchanged")
                .isEqualTo(alice);
    }

    @Test
    @DisplayName("Tenant B cannot delete tenant A's user: 404, and the user stays active")
    @Covers({"§3 DELETE /api/v1/users/{id} 404 other tenant", "OWASP API1:2023 BOLA"})
    void otherTenantCannotDeleteUser(Tenant tenant, @Other Tenant other) {
        User alice = tenant.users().created(Users.valid());

        assertThat(other.users().delete(alice.id()))
                .as("tenant B deletes tenant A's user")
                .isNotFoundForOtherTenant();

        assertThat(tenant.users().get(alice.id()).as(User.class))
                .as("tenant A's user read by its owner after tenant B's rejected delete: unchanged, still active")
                .isEqualTo(alice);
    }

    @Test
    @DisplayName("Each tenant's user listing holds its own users only")
    @Covers({"§3 GET /api/v1/users tenant-scoped", "OWASP API1:2023 BOLA"})
    void listingsHoldOnlyOwnTenant(Tenant tenant, @Other Tenant other) {
        // Each tenant's admin is a user it already has: no new users (password hashes) needed to tell the listings
        // apart. Active users only: a pooled tenant keeps the deactivated users of earlier borrowers, and in a
        // listing of any order (CONTRACT.md 7a) the admin is on the first page only among the few active ones.
        String ours = tenant.admin().account().userId();
        String theirs = other.admin().account().userId();

        Page<User> ourPage = tenant.users().list(Map.of("page_size", 100, "active_only", true))
                .as(new TypeReference<Page<User>>() { });
        Page<User> theirPage = other.users().list(Map.of("page_size", 100, "active_only", true))
                .as(new TypeReference<Page<User>>() { });

        assertThat(ourPage.data()).as("ids in tenant A's user listing: its admin, not tenant B's").extracting(User::id)
                .contains(ours).doesNotContain(theirs);
        assertThat(ourPage.data()).as("tenant_id of every user in tenant A's listing: A's")
                .extracting(User::tenantId).containsOnly(tenant.id());
        assertThat(theirPage.data()).as("ids in tenant B's user listing: its admin, not tenant A's").extracting(User::id)
                .contains(theirs).doesNotContain(ours);
        assertThat(theirPage.data()).as("tenant_id of every user in tenant B's listing: B's")
                .extracting(User::tenantId).containsOnly(other.id());
    }
}
