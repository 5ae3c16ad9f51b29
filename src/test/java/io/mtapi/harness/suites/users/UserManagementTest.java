package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.http.Phases;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import com.fasterxml.jackson.core.type.TypeReference;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(4) // POST /api/v1/users: the shared user, the updated one, 2 duplicates
@Tag(Tags.USERS)
@Tag(Tags.TIER1)
@Epic(Tags.EPIC)
@Feature("Users")
@DisplayName("User management")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The create test goes first and its creation is the user the tests after it share: its POST is its own probe
// (in its steps, and in a parity run's comparison), and the class costs the target one hash for five tests.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class UserManagementTest {

    /** The one user the tests that do not change it share (each created user costs the target a hash). */
    private final NewUser sent = Users.valid();
    /** The answer to its creation: the create test's probe, or the set-up of the first test that needs it. */
    private ApiResponse creation;

    private ApiResponse creation(Tenant tenant) {
        if (creation == null) {
            creation = Phases.setUp("User created for the class's tests: " + sent.username(), () -> tenant.users().create(sent));
        }
        return creation;
    }

    /** The shared user, for a test that needs one to exist. */
    private User created(Tenant tenant) {
        ApiResponse response = creation(tenant);
        assertThat(response).as("Set-up: admin creates a user").isCreated();
        return response.as(User.class);
    }

    @Test
    @Tag(Tags.SMOKE)
    @Story("Create user")
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("POST /api/v1/users creates an active user in the caller's tenant, role defaulting to user (201)")
    @Covers({"§3 POST /api/v1/users 201"})
    @Order(1)
    void createdUserIsActiveInCallersTenant(Tenant tenant) {
        if (creation == null) {
            creation = tenant.users().create(sent);
        }
        ApiResponse response = creation;

        assertThat(response).as("admin creates a user").isCreated();
        User created = response.as(User.class);
        assertThat(created).matches(sent).belongsTo(tenant).isActive();
        assertThat(created.id()).as("id of the created user").isNotBlank();
    }

    @Test
    @Tag(Tags.SMOKE)
    @Story("Get user")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/users/{id} returns the user as created (200)")
    @Covers({"§3 GET /api/v1/users/{id} 200"})
    void getReturnsTheUserAsCreated(Tenant tenant) {
        User created = created(tenant);

        ApiResponse response = tenant.users().get(created.id());

        assertThat(response).as("admin reads a user of its tenant").isOk();
        assertThat(response.as(User.class)).as("the user read back").isEqualTo(created);
    }

    @Test
    @Story("Update user")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} changes full_name and email, advances updated_at, keeps created_at (200)")
    @Covers({"§3 PUT /api/v1/users/{id} 200"})
    void updateChangesFieldsAndAdvancesUpdatedAt(Tenant tenant) {
        // A user of its own: the shared one must stay as created for the other tests, which run alongside.
        User created = tenant.users().created(Users.valid());
        String newName = "Renamed " + created.username();
        String newEmail = Users.email();

        ApiResponse response = tenant.users().update(created.id(), Map.of("full_name", newName, "email", newEmail));

        assertThat(response).as("admin updates a user").isOk();
        User updated = response.as(User.class);
        assertThat(updated.fullName()).as("full_name after update").isEqualTo(newName);
        assertThat(updated.email()).as("email after update").isEqualTo(newEmail);
        assertThat(updated.username()).as("username (not updatable)").isEqualTo(created.username());
        assertThat(updated.createdAt()).as("created_at must not change on update").isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).as("updated_at must advance on update").isAfter(created.updatedAt());
        assertThat(tenant.users().get(created.id()).as(User.class)).as("the user read back after update")
                .isEqualTo(updated);
    }

    @Test
    @Story("List users")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/users lists users of the caller's tenant only, including a new one (200)")
    @Covers({"§3 GET /api/v1/users 200"})
    void listHoldsOnlyTheCallersTenant(Tenant tenant) {
        User created = created(tenant);

        ApiResponse response = tenant.users().list(Map.of("page_size", 100));

        assertThat(response).as("admin lists users").isOk();
        Page<User> page = response.as(new TypeReference<Page<User>>() { });
        assertThat(page).hasConsistentMetadata();
        assertThat(page.data()).as("ids of the users listed for the admin's tenant: the new user among them")
                .extracting(User::id).contains(created.id());
        assertThat(page.data()).as("every listed user's tenant_id")
                .extracting(User::tenantId).containsOnly(tenant.id());
    }

    @Test
    @Story("Uniqueness")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A second user with a taken username is rejected (409) and not created")
    @Covers({"§3 POST /api/v1/users 409 username"})
    void duplicateUsernameIsConflict(Tenant tenant) {
        User first = created(tenant);
        NewUser duplicate = Users.valid().withUsername(first.username());

        ApiResponse response = tenant.users().create(duplicate);

        assertThat(response).as("creating a user with a username that is taken").isConflict();
        assertThat(usersWithEmail(tenant, duplicate.email()))
                .as("users holding the rejected request's email: a 409 must create nothing").isZero();
    }

    @Test
    @Story("Uniqueness")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A second user with a taken email is rejected (409) and not created")
    @Covers({"§3 POST /api/v1/users 409 email"})
    void duplicateEmailIsConflict(Tenant tenant) {
        User first = created(tenant);
        NewUser duplicate = Users.valid().withEmail(first.email());

        ApiResponse response = tenant.users().create(duplicate);

        assertThat(response).as("creating a user with an email that is taken").isConflict();
        Page<User> page = tenant.users().list(Map.of("page_size", 100)).as(new TypeReference<Page<User>>() { });
        assertThat(page.data()).as("usernames in the tenant after the rejected request: a 409 creates nothing")
                .extracting(User::username).doesNotContain(duplicate.username());
    }

    private static long usersWithEmail(Tenant tenant, String email) {
        Page<User> page = tenant.users().list(Map.of("page_size", 100, "active_only", false))
                .as(new TypeReference<Page<User>>() { });
        return page.data().stream().filter(u -> email.equalsIgnoreCase(u.email())).count();
    }
}
