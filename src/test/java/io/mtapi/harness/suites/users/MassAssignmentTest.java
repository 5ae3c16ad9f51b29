package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.checks.ApiAssertions.catchThrowable;

/**
 * OWASP API3:2023 (broken object property level authorization), the mass-assignment half:
 * fields a caller must not set. The contract documents the body of each call; a field
 * outside it is either ignored or refused (422), never applied. Both answers pass; the
 * stored user decides.
 */
@ContractTest
@CallsPerBudget(5) // POST /api/v1/users by the admin: all fields at once, then one per field; on 422s 4 listings each
@Tag(Tags.USERS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Mass assignment")
@DisplayName("Fields outside the documented bodies never take effect")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MassAssignmentTest {

    /** A moment no user of this run was created at. */
    private static final String LONG_AGO = "2001-02-03T04:05:06Z";

    /**
     * The user the PUT cases take turns on, as the last case read it back (each created user costs the target
     * a hash); null until one is made, and again after a case that found it changed, so a field one case saw
     * applied never fails another case.
     */
    private User updated;
    /** Whether one creation showed every server-owned field ignored; null until it is sent. */
    private Boolean allIgnoredAtOnce;

    /** Fields a create body must not set, with the value a caller would smuggle in. */
    enum InjectedOnCreate {
        TENANT_ID, IS_ACTIVE_FALSE, ID, CREATED_AT;

        Object value(Tenant foreign, String foreignId) {
            return switch (this) {
                case TENANT_ID -> foreign.id();
                case IS_ACTIVE_FALSE -> false;
                case ID -> foreignId;
                case CREATED_AT -> LONG_AGO;
            };
        }

        String field() {
            return this == IS_ACTIVE_FALSE ? "is_active" : name().toLowerCase(Locale.ROOT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InjectedOnCreate.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users with tenant_id, is_active, id or created_at in the body: ignored (201) or refused (422), never applied")
    @Covers({"§3 POST /api/v1/users 201 is_active true, tenant_id = caller's", "OWASP API3:2023 BOPLA"})
    void createIgnoresOrRefusesServerOwnedFields(InjectedOnCreate injected, Tenant tenant, @Other Tenant other) {
        if (allIgnoredAtOnce(tenant, other)) {
            return; // this field was in that body too, and ignored
        }
        NewUser sent = Users.valid();
        String smuggledId = UUID.randomUUID().toString();
        Map<String, Object> body = Users.asMap(sent);
        Object smuggled = injected.value(other, smuggledId);
        body.put(injected.field(), smuggled);
        OffsetDateTime sentAt = OffsetDateTime.now();

        ApiResponse response = tenant.users().create(body);

        if (response.status() == 422) {
            assertThat(response).as("create with %s refused", injected.field()).isValidationError();
            assertThat(Listings.everyUser(tenant.admin())).as("users of the caller's tenant after the refused create: not the new one")
                    .extracting(User::username).doesNotContain(sent.username());
            assertThat(Listings.everyUser(other.admin())).as("users of the other tenant after the refused create: not the new one")
                    .extracting(User::username).doesNotContain(sent.username());
            return;
        }
        assertThat(response).as("an admin creates a user with %s in the body (expected it ignored: 201, or refused: 422)",
                injected.field()).isCreated();
        assertIgnored(response, sent, smuggledId, sentAt, tenant, injected.field());
    }

    /**
     * One creation with all four fields smuggled in, sent by the first case (each created user costs the target a
     * hash): when it shows every one of them ignored, each case has its answer. Otherwise, a refusal or any field
     * applied, each case sends its field alone, so a failure names the field the target honours.
     */
    private synchronized boolean allIgnoredAtOnce(Tenant tenant, Tenant other) {
        if (allIgnoredAtOnce == null) {
            NewUser sent = Users.valid();
            String smuggledId = UUID.randomUUID().toString();
            Map<String, Object> body = Users.asMap(sent);
            for (InjectedOnCreate injected : InjectedOnCreate.values()) {
                body.put(injected.field(), injected.value(other, smuggledId));
            }
            OffsetDateTime sentAt = OffsetDateTime.now();
            ApiResponse response = tenant.users().create(body);
            allIgnoredAtOnce = response.status() == 201 && catchThrowable(
                    () -> assertIgnored(response, sent, smuggledId, sentAt, tenant, "every server-owned field")) == null;
        }
        return allIgnoredAtOnce;
    }

    /** The 201 of a creation with server-owned fields in its body: the user as if they had not been sent. */
    private static void assertIgnored(ApiResponse response, NewUser sent, String smuggledId, OffsetDateTime sentAt,
                                      Tenant tenant, String smuggledFields) {
        User created = response.as(User.class);
        assertThat(created).as("user created with %s smuggled in", smuggledFields)
                .matches(sent).belongsTo(tenant).isActive();
        assertThat(created.id()).as("id of a user created with an id in the body (the server assigns ids)")
                .isNotEqualTo(smuggledId);
        assertThat(created.createdAt()).as("created_at of a user created with created_at=%s in the body", LONG_AGO)
                .isAfter(sentAt.minus(1, ChronoUnit.HOURS));
        assertThat(tenant.users().get(created.id()).as(User.class)).as("the created user read back").isEqualTo(created);
    }

    /** Fields a PUT body must not change, with the value a caller would try. */
    enum InjectedOnUpdate {
        USERNAME, ROLE, TENANT_ID, IS_ACTIVE_FALSE, ID, CREATED_AT;

        Object value(Tenant foreign) {
            return switch (this) {
                case USERNAME -> Users.username();
                case ROLE -> "admin";
                case TENANT_ID -> foreign.id();
                case IS_ACTIVE_FALSE -> false;
                case ID -> UUID.randomUUID().toString();
                case CREATED_AT -> LONG_AGO;
            };
        }

        String field() {
            return this == IS_ACTIVE_FALSE ? "is_active" : name().toLowerCase(Locale.ROOT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InjectedOnUpdate.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} with username, role, tenant_id, is_active, id or created_at: ignored (200) or refused (422), never applied")
    @Covers({"§3 PUT /api/v1/users/{id} {email?, full_name?} only", "OWASP API3:2023 BOPLA", "OWASP API5:2023 BFLA"})
    @Execution(ExecutionMode.SAME_THREAD)
    void updateIgnoresOrRefusesFieldsOutsideItsBody(InjectedOnUpdate injected, Tenant tenant, @Other Tenant other) {
        // The other tenant's admin does these, so the create budget of the primary admin stays for the test above.
        User before = updated != null ? updated : other.users().created(Users.valid());
        updated = null;
        String newName = "Renamed " + before.username() + " " + injected.field();
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("full_name", newName);
        Object smuggled = injected.value(tenant);
        change.put(injected.field(), smuggled);

        ApiResponse response = other.users().update(before.id(), change);

        String expectedName;
        if (response.status() == 422) {
            assertThat(response).as("update with %s refused", injected.field()).isValidationError();
            expectedName = before.fullName();
        } else {
            assertThat(response).as("an admin updates a user with full_name and %s (expected %s ignored: 200, or refused: 422)",
                    injected.field(), injected.field()).isOk();
            expectedName = newName;
        }
        User after = other.users().get(before.id()).as(User.class);
        assertThat(List.of(after.id(), after.tenantId(), after.username(), after.role(), after.isActive(),
                after.createdAt().toInstant()))
                .as("id, tenant_id, username, role, is_active, created_at of a user after a PUT with %s: "
                        + "not updatable, so as before", injected.field())
                .containsExactly(before.id(), before.tenantId(), before.username(), before.role(), before.isActive(),
                        before.createdAt().toInstant());
        assertThat(after.fullName()).as("full_name after the PUT (a documented field: applied unless the whole body was refused)")
                .isEqualTo(expectedName);
        updated = after;
    }
}
