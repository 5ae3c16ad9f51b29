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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * {@code POST /api/v1/users} with a body that must be refused: a field missing, a bad
 * email, an unknown role, or a body that is no user object at all. Every case answers 422
 * with the contract's validation body and creates nothing.
 *
 * <p>Each case judges only its own effect: a body that names a user is looked for by the
 * username and email it sent; a body that names none by the users that appeared while it ran,
 * which is why the cases run one at a time. A user another case (or an earlier borrower of the
 * tenant) left behind never fails a case. The cases alternate between the two tenants' admins,
 * so each admin sends about half of them, and a case that names no user takes the listing the
 * previous such case ended with on its tenant as its snapshot (nothing else touches the tenant in
 * between: the class has it to itself and runs one case at a time): each admin lists its users at
 * most 10 times, inside one rate-limit budget per window, so no case waits for a slot.
 */
@ContractTest
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Input validation")
@DisplayName("Invalid new users are rejected (422)")
@Execution(ExecutionMode.SAME_THREAD)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCreationValidationTest {

    /** Per tenant, its users' ids at the listing the last body-that-is-no-user case ended with, if it got that far. */
    private final Map<Tenant, Set<String>> lastListed = new HashMap<>();

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

        UserRefusals.assertRefusedAndNothingCreated(caller, variant);
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
        caller.requireToItself(); // what appears while it runs must be this case's doing
        // Only a case that got as far as its own listing hands it on: after a case that failed before listing
        // (a body answered 201), the next case lists afresh, so it is never blamed for a user it did not make.
        Set<String> handedOn = lastListed.remove(caller);
        Set<String> before = handedOn != null ? handedOn : Listings.ids(caller.admin());

        ApiResponse response = caller.users().create(variant.body.get());

        assertThat(response).as("an admin sends POST /api/v1/users with %s (Content-Type: application/json)", variant)
                .isValidationError();
        List<User> after = Listings.everyUser(caller.admin());
        lastListed.put(caller, after.stream().map(User::id).collect(Collectors.toSet()));
        assertThat(after.stream().filter(user -> !before.contains(user.id())).toList())
                .as("users that appeared in the tenant while POST /api/v1/users with %s was refused: a 422 creates nothing",
                        variant)
                .extracting(User::username).isEmpty();
    }
}
