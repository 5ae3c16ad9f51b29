package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Both sides of each length limit of {@code POST /api/v1/users}: the last length that
 * must be refused and the first that must be accepted. The tenant admin sends all eight
 * (well inside one rate-limit budget).
 */
@ContractTest
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Input validation")
@DisplayName("Length limits of a new user's fields")
class UserLengthBoundariesTest {

    /** 3-character names are few (36^3): one may be taken on a long-lived deployment, so retry a little. */
    private static final int SHORT_NAME_ATTEMPTS = 3;

    enum Outcome {
        CREATED, REJECTED
    }

    @ParameterizedTest(name = "{0} of {1} characters: {2}")
    @CsvSource({
        "username,  2,   REJECTED",
        "username,  3,   CREATED",
        "username,  50,  CREATED",
        "username,  51,  REJECTED",
        "full_name, 0,   REJECTED",
        "full_name, 1,   CREATED",
        "full_name, 100, CREATED",
        "full_name, 101, REJECTED"
    })
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users accepts username 3-50 and full_name 1-100 characters (201) and rejects one less or more (422)")
    @Covers({"§3 POST /api/v1/users username (3-50)", "§3 POST /api/v1/users full_name (1-100)",
        "§3 POST /api/v1/users 201", "§3 POST /api/v1/users 422"})
    void lengthLimitsHoldOnBothSides(String field, int length, Outcome outcome, Tenant tenant) {
        NewUser sent = withLength(field, length);

        ApiResponse response = tenant.users().create(sent);
        for (int attempt = 1; attempt < SHORT_NAME_ATTEMPTS && response.status() == 409 && isShortUsername(field, length);
             attempt++) {
            sent = withLength(field, length);
            response = tenant.users().create(sent);
        }

        if (outcome == Outcome.CREATED) {
            assertThat(response).as("POST /api/v1/users with a %s of %d characters (inside the limit)", field, length)
                    .isCreated();
            assertThat(response.as(User.class)).as("user created with a %s of %d characters, stored in full", field, length)
                    .matches(sent);
        } else {
            assertThat(response).as("POST /api/v1/users with a %s of %d characters (outside the limit)", field, length)
                    .isValidationErrorFor(field);
            List<User> users = Listings.everyUser(tenant.admin());
            assertThat(users).as("usernames in the tenant after the rejected request: a 422 creates nothing")
                    .extracting(User::username).doesNotContain(sent.username());
            assertThat(users).as("emails in the tenant after the rejected request: a 422 creates nothing")
                    .extracting(User::email).doesNotContain(sent.email());
        }
    }

    private static NewUser withLength(String field, int length) {
        NewUser valid = Users.valid();
        return switch (field) {
            case "username" -> valid.withUsername(Users.username(length));
            case "full_name" -> valid.withFullName("N".repeat(length));
            default -> throw new IllegalArgumentException("no length limit for " + field);
        };
    }

    private static boolean isShortUsername(String field, int length) {
        return field.equals("username") && length < 10;
    }
}
