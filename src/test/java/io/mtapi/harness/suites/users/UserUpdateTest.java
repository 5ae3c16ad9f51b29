package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2) // GET /api/v1/users/{admin's id}: before and after the email conflict
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Update user")
@DisplayName("Updating users: validation, conflicts, partial changes")
@Execution(ExecutionMode.SAME_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserUpdateTest {

    /**
     * The users the updates take turns on, as last read back (each created user costs the target a hash): one of
     * the primary tenant for the rejected updates, one of the other tenant for the accepted ones, so that no user's
     * PUT budget holds more than one test's share. A test sets its user to null until it has read it back as
     * expected, so a change one test found wrongly applied makes the next test start on a new user.
     */
    private User probed;
    private User partiallyChanged;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Users.Invalid.class, names = {
        "EMAIL_WITHOUT_AT", "EMAIL_WITH_SPACE", "EMAIL_NUMBER", "FULL_NAME_EMPTY", "FULL_NAME_TOO_LONG", "FULL_NAME_NUMBER"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} with a bad email or full_name answers 422 and leaves the user unchanged")
    @Covers({"§3 PUT /api/v1/users/{id} 422"})
    void invalidChangeIsRejectedAndChangesNothing(Users.Invalid variant, Tenant tenant) {
        User before = probed(tenant);
        Map<String, Object> change = Users.invalidChange(variant);

        ApiResponse response = tenant.users().update(before.id(), change);

        assertThat(response).as("an admin updates a user with %s", variant)
                .isValidationErrorFor(variant.field());
        User after = tenant.users().get(before.id()).as(User.class);
        assertThat(after).as("the user read back after the rejected update with %s: a 422 changes nothing", variant)
                .isEqualTo(before);
        probed = after;
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} with another user's email answers 409; neither user changes")
    @Covers({"§3 PUT /api/v1/users/{id} 409 email taken"})
    void changeToTakenEmailIsConflict(Tenant tenant) {
        User alice = probed(tenant);
        // The other user is the admin, a user like any other: read first, as earlier classes may have renamed it.
        User bob = tenant.users().get(tenant.admin().account().userId()).as(User.class);

        ApiResponse response = tenant.users().update(alice.id(), Map.of("email", bob.email()));

        assertThat(response).as("an admin gives a user the email of another user")
                .isConflict().hasErrorDetail();
        User after = tenant.users().get(alice.id()).as(User.class);
        assertThat(after).as("the user read back after the rejected update: a 409 changes nothing").isEqualTo(alice);
        assertThat(tenant.users().get(bob.id()).as(User.class))
                .as("the user whose email was asked for, read back: unchanged").isEqualTo(bob);
        probed = after;
    }

    /** The primary tenant's probed user, taken: created if there is none. */
    private User probed(Tenant tenant) {
        User user = probed != null ? probed : tenant.users().created(Users.valid());
        probed = null;
        return user;
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("PUT /api/v1/users/{id} of an unknown id answers 404")
    @Covers({"§3 PUT /api/v1/users/{id} 404 unknown id"})
    void updateOfUnknownIdIsNotFound(Tenant tenant) {
        String unknown = UUID.randomUUID().toString();

        assertThat(tenant.users().update(unknown, Map.of("full_name", "Nobody")))
                .as("admin updates a user id that exists nowhere").hasStatus(404).hasErrorDetail();
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/users/{id} of an unknown id answers 404")
    @Covers({"§3 GET /api/v1/users/{id} 404 unknown id"})
    void getOfUnknownIdIsNotFound(Tenant tenant) {
        String unknown = UUID.randomUUID().toString();

        assertThat(tenant.users().get(unknown)).as("admin reads a user id that exists nowhere")
                .hasStatus(404).hasErrorDetail();
    }

    /** PUT bodies with one field, each valid; the field not sent must keep its value. */
    enum PartialChange {
        FULL_NAME_ONLY(user -> Map.of("full_name", "Renamed " + user.username())),
        FULL_NAME_OF_1_CHARACTER(user -> Map.of("full_name", "R")),
        FULL_NAME_OF_100_CHARACTERS(user -> Map.of("full_name", "R".repeat(100))),
        EMAIL_ONLY(user -> Map.of("email", Users.email()));

        private final Function<User, Map<String, Object>> change;

        PartialChange(Function<User, Map<String, Object>> change) {
            this.change = change;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PartialChange.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} with one field changes that field only, advances updated_at, keeps created_at (200)")
    @Covers({"§3 PUT /api/v1/users/{id} 200", "§3 PUT /api/v1/users/{id} later updated_at"})
    void partialChangeTouchesOnlyTheFieldSent(PartialChange variant, @Other Tenant other) {
        User before = partiallyChanged != null ? partiallyChanged : other.users().created(Users.valid());
        partiallyChanged = null;
        Map<String, Object> change = variant.change.apply(before);

        ApiResponse response = other.users().update(before.id(), change);

        assertThat(response).as("an admin updates a user with %s", variant).isOk();
        User after = response.as(User.class);
        User expected = new User(before.id(), before.tenantId(), before.username(),
                (String) change.getOrDefault("email", before.email()),
                (String) change.getOrDefault("full_name", before.fullName()),
                before.role(), before.createdAt(), after.updatedAt(), before.isActive());
        assertThat(after).as("a user after a PUT of %s: that field changed, every other one as before", change.keySet())
                .isEqualTo(expected);
        assertThat(after.updatedAt()).as("updated_at after the update (must be later than before)")
                .isAfter(before.updatedAt());
        assertThat(other.users().get(before.id()).as(User.class)).as("the user read back after the update: as answered")
                .isEqualTo(after);
        partiallyChanged = after;
    }
}
