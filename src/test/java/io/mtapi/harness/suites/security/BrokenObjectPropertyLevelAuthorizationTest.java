package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Fields a caller must not see (password material, anywhere in any answer) and fields a caller
 * must not set (id, tenant_id, is_active, role, username, timestamps), whatever the body says.
 */
@ContractTest
@CallsPerBudget(4) // POST /api/v1/users by the admin: three tests and the member
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API3:2023 Broken Object Property Level Authorization")
@DisplayName("API3:2023 Broken Object Property Level Authorization")
class BrokenObjectPropertyLevelAuthorizationTest {

    private static final String LONG_AGO = "2000-01-01T00:00:00+00:00";

    @Test
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("API3:2023 Broken Object Property Level Authorization — no answer of any call, success or error, "
            + "carries a password, a password hash or a credential-named field")
    @Covers({"OWASP API3:2023 Broken Object Property Level Authorization", "§3 User never contains a password or hash"})
    void noAnswerCarriesPasswordMaterial(ApiTarget target, Tenant tenant) {
        var admin = tenant.admin().account();
        NewUser newUser = Users.valid();
        // One new user serves every answer about a user: the bulk's 201 creates it, a second creation of it is the
        // 409, and it is then read, updated and deleted (each new user costs the target a password hash).
        ApiResponse bulk = tenant.users().bulkCreate(List.of(newUser));
        assertThat(bulk).as("a tenant's admin bulk-creates a valid new user").isCreated();
        User created = bulk.as(User[].class)[0];
        List<ApiResponse> answers = new ArrayList<>(List.of(
                target.auth().health(),
                target.auth().login(admin.username(), admin.password() + "-wrong"),
                target.auth().refresh(admin.tokens().refreshToken()),
                bulk,
                tenant.users().create(newUser),
                tenant.users().get(created.id()),
                tenant.users().get(admin.userId()),
                tenant.users().update(created.id(), Map.of("full_name", "Renamed")),
                tenant.users().update(created.id(), Map.of("email", "not-an-email")),
                tenant.users().get(UUID.randomUUID().toString()),
                tenant.users().list(Map.of("page_size", 100, "active_only", false)),
                tenant.files().upload(SampleFiles.text()),
                tenant.files().list(),
                tenant.admin().administration().tenants(),
                tenant.admin().administration().stats()));
        answers.add(tenant.users().delete(created.id()));
        answers.add(tenant.users().get(created.id()));

        List<String> findings = new ArrayList<>();
        for (ApiResponse answer : answers) {
            List<String> leaks = Leaks.passwordMaterial(answer.body(), admin.password());
            if (!leaks.isEmpty()) {
                findings.add(answer.request() + " -> " + answer.status() + ": " + String.join(", ", leaks));
            }
        }
        assertThat(findings).as("answers carrying password material (the contract: a user never contains a "
                + "password or a password hash, and no other answer has a reason to)").isEmpty();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API3:2023 Broken Object Property Level Authorization — creating a user with id, tenant_id, "
            + "is_active and timestamps in the body sets none of them")
    @Covers({"OWASP API3:2023 Broken Object Property Level Authorization", "§3 POST /api/v1/users 201 tenant_id = caller's"})
    void createIgnoresServerOwnedFields(Tenant tenant, @Other Tenant other) {
        NewUser user = Users.valid();
        String chosenId = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>(Users.asMap(user));
        body.put("id", chosenId);
        body.put("tenant_id", other.id());
        body.put("is_active", false);
        body.put("created_at", LONG_AGO);
        body.put("updated_at", LONG_AGO);

        ApiResponse response = tenant.users().create(body);

        assertThat(response.status()).as("POST /api/v1/users with server-owned fields: ignored (201) or refused "
                + "(422), never anything else%n  %s", response.describe()).isIn(201, 422);
        if (response.status() == 422) {
            assertThat(other.users().get(chosenId)).as("the refused user, looked up in the other tenant")
                    .isNotFoundForOtherTenant();
            return;
        }
        User created = response.as(User.class);
        assertThat(created.id()).as("id of the created user: the server's, not the body's").isNotEqualTo(chosenId);
        assertThat(created.tenantId()).as("tenant_id of a user created with another tenant's tenant_id: the caller's")
                .isEqualTo(tenant.id());
        assertThat(created.isActive()).as("is_active of a user created with is_active=false").isTrue();
        assertThat(created.createdAt().getYear()).as("created_at of a user created with created_at=%s", LONG_AGO)
                .isGreaterThan(2000);
        assertThat(other.users().get(created.id())).as("the other tenant reads the user created with its tenant_id")
                .isNotFoundForOtherTenant();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API3:2023 Broken Object Property Level Authorization — updating a user with id, tenant_id, "
            + "username, is_active and timestamps in the body changes none of them")
    @Covers({"OWASP API3:2023 Broken Object Property Level Authorization", "§3 PUT /api/v1/users/{id} {email?, full_name?}"})
    void updateIgnoresServerOwnedFields(Tenant tenant, @Other Tenant other) {
        User before = tenant.users().created(Users.valid());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("full_name", "Renamed Person");
        body.put("id", UUID.randomUUID().toString());
        body.put("tenant_id", other.id());
        body.put("username", Users.username());
        body.put("is_active", false);
        body.put("created_at", LONG_AGO);

        ApiResponse response = tenant.users().update(before.id(), body);

        assertThat(response.status()).as("PUT /api/v1/users/{id} with server-owned fields: ignored (200) or "
                + "refused (422)%n  %s", response.describe()).isIn(200, 422);
        User after = tenant.users().get(before.id()).as(User.class);
        assertThat((Object) after).as("a user after an update carrying id, tenant_id, username, is_active, "
                + "created_at: only full_name may change")
                .usingRecursiveComparison()
                .comparingOnlyFields("id", "tenantId", "username", "isActive", "createdAt", "role")
                .isEqualTo(before);
        assertThat(other.users().get(before.id())).as("the other tenant reads the user updated with its tenant_id")
                .isNotFoundForOtherTenant();
    }

    @Test
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("API3:2023 Broken Object Property Level Authorization — a member cannot make itself admin "
            + "by sending role in an update")
    @Covers({"OWASP API3:2023 Broken Object Property Level Authorization", "§6 role user 403 Admin access required"})
    void memberCannotRaiseItsOwnRole(Tenant tenant, Member member) {
        String self = member.account().userId();

        ApiResponse response = member.users().update(self, Map.of("role", "admin", "full_name", "Just Renamed"));

        assertThat(response.status()).as("member's PUT of its own user with role=admin: role ignored (200) or "
                + "refused (403, 422)%n  %s", response.describe()).isIn(200, 403, 422);
        assertThat(tenant.users().get(self).as(User.class).role()).as("a member's role after it sent role=admin: user")
                .isEqualTo("user");
        assertThat(member.administration().stats()).as("GET /api/v1/admin/stats by a member after it sent role=admin")
                .isForbidden();
    }
}
