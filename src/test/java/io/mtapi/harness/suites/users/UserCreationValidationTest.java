package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Json;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * {@code POST /api/v1/users} with a body that must be refused: a field missing, a bad
 * email, an unknown role, or a body that is no user object at all. Every case answers 422
 * with the contract's validation body and creates nothing.
 *
 * <p>No request in this class may create a user, so each tenant must hold exactly its
 * admin after every case. The cases alternate between the two tenants' admins, so each
 * admin sends about half of them: both stay inside one rate-limit budget per window.
 */
@ContractTest
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Input validation")
@DisplayName("Invalid new users are rejected (422)")
class UserCreationValidationTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Users.Invalid.class, names = {
        "USERNAME_MISSING", "EMAIL_MISSING", "FULL_NAME_MISSING",
        "EMAIL_WITHOUT_AT", "EMAIL_WITHOUT_DOMAIN", "EMAIL_WITHOUT_LOCAL_PART", "EMAIL_WITH_SPACE",
        "EMAIL_WITH_TWO_AT", "EMAIL_EMPTY",
        "ROLE_UNKNOWN", "ROLE_EMPTY"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users with a missing field, a bad email or an unknown role answers 422 and creates nothing")
    @Covers({"§3 POST /api/v1/users 422", "§1 422 detail [{loc, msg, type}]"})
    void invalidFieldIsRejected(Users.Invalid variant, Tenant tenant, @Other Tenant other) {
        Tenant caller = variant.ordinal() % 2 == 0 ? tenant : other;
        caller.requireToItself();

        ApiResponse response = caller.users().create(Users.invalid(variant));

        assertThat(response).as("%s's admin creates a user with %s", caller, variant).isValidationErrorFor(variant.field());
        assertHoldsOnlyItsAdmin(caller);
    }

    /** Request bodies that are no single user object. */
    enum NotAUser {
        EMPTY_OBJECT(() -> "{}"),
        EMPTY_ARRAY(() -> "[]"),
        ARRAY_OF_A_VALID_USER(() -> "[" + Json.write(Users.valid()) + "]"),
        JSON_NULL(() -> "null"),
        TRUNCATED_JSON(() -> Json.write(Users.valid()).substring(0, 20)),
        EMPTY_BODY(() -> "");

        private final Supplier<String> body;

        NotAUser(Supplier<String> body) {
            this.body = body;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(NotAUser.class)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /api/v1/users with an empty object, an array, null, broken JSON or no body answers 422 and creates nothing")
    @Covers({"§3 POST /api/v1/users 422", "§1 422 detail [{loc, msg, type}]"})
    void bodyThatIsNoUserIsRejected(NotAUser variant, Tenant tenant, @Other Tenant other) {
        Tenant caller = variant.ordinal() % 2 == 0 ? other : tenant;
        caller.requireToItself();

        ApiResponse response = caller.users().create(variant.body.get());

        assertThat(response).as("%s's admin sends POST /api/v1/users with %s (Content-Type: application/json)",
                caller, variant).isValidationError();
        assertHoldsOnlyItsAdmin(caller);
    }

    private static void assertHoldsOnlyItsAdmin(Tenant tenant) {
        List<User> users = Listings.defaultListing(tenant.admin()).data();
        assertThat(users).as("active users of %s after rejected creations: a 422 creates nothing, "
                        + "so only its admin", tenant)
                .extracting(User::username).containsExactly(tenant.admin().account().username());
    }
}
