package io.mtapi.harness.suites.isolation;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
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

import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * No documented body takes a tenant: the tenant is always the caller's. A {@code tenant_id}
 * in a body (mass assignment) is either ignored or rejected (422); it must never place
 * or move an object into another tenant.
 */
@ContractTest
@CallsPerBudget(2) // tenant A lists its users twice, tenant B creates twice
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Another tenant's id in a request body")
@Severity(SeverityLevel.BLOCKER)
@DisplayName("Tenant isolation of request bodies (mass assignment of tenant_id)")
class TenantIdInBodyTest {

    @Test
    @DisplayName("POST /api/v1/users with another tenant's tenant_id creates the user in the caller's tenant (201) or is rejected (422), never in the other tenant")
    @Covers({"§3 POST /api/v1/users 201", "OWASP API1:2023 BOLA",
            "OWASP API3:2023 Broken Object Property Level Authorization"})
    void createWithForeignTenantIdStaysInCallersTenant(Tenant tenant, @Other Tenant other) {
        Map<String, Object> body = Users.asMap(Users.valid());
        body.put("tenant_id", tenant.id());

        ApiResponse response = other.users().create(body);

        assertThat(response).as("tenant B creates a user with tenant A's tenant_id in the body").hasStatusIn(201, 422);
        if (response.status() == 201) {
            assertThat(response.as(User.class)).as("user created by tenant B with a foreign tenant_id: B's").belongsTo(other);
        }
        assertThat(usernames(tenant)).as("users of tenant A after tenant B sent A's tenant_id in a create body: not the new one")
                .doesNotContain((String) body.get("username"));
    }

    @Test
    @DisplayName("POST /api/v1/users/bulk with another tenant's tenant_id in the items creates nothing in the other tenant")
    @Covers({"§3 POST /api/v1/users/bulk 201", "OWASP API1:2023 BOLA",
            "OWASP API3:2023 Broken Object Property Level Authorization"})
    void bulkCreateWithForeignTenantIdStaysInCallersTenant(Tenant tenant, @Other Tenant other) {
        // One item: a bulk that honours an item's tenant_id shows it with the first (and each item costs a hash).
        List<Map<String, Object>> items = Users.valid(1).stream().map(user -> {
            Map<String, Object> item = Users.asMap(user);
            item.put("tenant_id", tenant.id());
            return item;
        }).toList();

        ApiResponse response = other.users().bulkCreate(items);

        assertThat(response).as("tenant B bulk-creates users with tenant A's tenant_id in the items")
                .hasStatusIn(201, 422);
        if (response.status() == 201) {
            for (User created : response.as(User[].class)) {
                assertThat(created).as("user bulk-created by tenant B with a foreign tenant_id: B's").belongsTo(other);
            }
        }
        assertThat(usernames(tenant)).as("users of tenant A after tenant B sent A's tenant_id in bulk items: none of them")
                .doesNotContainAnyElementsOf(items.stream().map(item -> (String) item.get("username")).toList());
    }

    @Test
    @DisplayName("PUT /api/v1/users/{id} with another tenant's tenant_id leaves the user in its tenant (200 ignoring it, or 422)")
    @Covers({"§3 PUT /api/v1/users/{id} 200", "OWASP API1:2023 BOLA",
            "OWASP API3:2023 Broken Object Property Level Authorization"})
    void updateWithForeignTenantIdDoesNotMoveTheUser(Tenant tenant, @Other Tenant other) {
        User bob = other.users().created(Users.valid());

        ApiResponse response = other.users().update(bob.id(), Map.of("full_name", "Moved " + bob.username(),
                "tenant_id", tenant.id()));

        assertThat(response).as("tenant B updates its user with tenant A's tenant_id in the body")
                .hasStatusIn(200, 422);
        ApiResponse readByOwner = other.users().get(bob.id());
        assertThat(readByOwner).as("tenant B reads its user after the update").isOk();
        assertThat(readByOwner.as(User.class)).as("tenant B's user after an update naming tenant A's tenant_id: still B's")
                .belongsTo(other);
        assertThat(tenant.users().get(bob.id())).as("tenant A reads tenant B's user after the update")
                .isNotFoundForOtherTenant();
    }

    private static List<String> usernames(Tenant tenant) {
        ApiResponse response = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(response).as("a tenant's admin lists its users").isOk();
        return response.as(new TypeReference<Page<User>>() { }).data().stream().map(User::username).toList();
    }
}
