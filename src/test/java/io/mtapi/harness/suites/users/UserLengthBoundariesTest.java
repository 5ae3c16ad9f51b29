package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Both sides of each length limit of {@code POST /api/v1/users}: the last length that
 * must be refused and the first that must be accepted. The tenant admin sends all eight
 * (well inside one rate-limit budget). Each created user costs the target a password hash,
 * so the accepted lengths come in pairs: one new user with the shortest username and the
 * shortest full_name, one with the longest of both. Each row judges its own field in it;
 * if the pair is refused, the row sends its length alone, as a user of its own.
 */
@ContractTest
@CallsPerBudget(8) // POST /api/v1/users: 4 refused, 2 pairs, 2 retries if a 3-character username is taken
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Input validation")
@DisplayName("Length limits of a new user's fields")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserLengthBoundariesTest {

    /** 3-character names are few (36^3): one may be taken on a long-lived deployment, so retry a little. */
    private static final int SHORT_NAME_ATTEMPTS = 3;

    enum Outcome {
        CREATED, REJECTED
    }

    /** A username and a full_name length, both inside their limits: one user shows both accepted. */
    private record Lengths(int username, int fullName) {

        static final List<Lengths> AT_THE_LIMITS = List.of(new Lengths(3, 1), new Lengths(50, 100));

        int of(String field) {
            return field.equals("username") ? username : fullName;
        }

        NewUser user() {
            return withLength(withLength(Users.valid(), "username", username), "full_name", fullName);
        }
    }

    /** A creation request and its answer. */
    private record Creation(NewUser sent, ApiResponse response) {
    }

    /** The creation of each pair of lengths at the limits, made by the first row that asks for it. */
    private final Map<Lengths, Creation> pairs = new HashMap<>();

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
        if (outcome == Outcome.CREATED) {
            Optional<Lengths> pair = Lengths.AT_THE_LIMITS.stream().filter(lengths -> lengths.of(field) == length).findFirst();
            Creation creation = pair.map(lengths -> pairCreated(lengths, tenant)).filter(c -> c.response().status() == 201)
                    .orElseGet(() -> create(() -> withLength(Users.valid(), field, length), field, length, tenant));
            assertThat(creation.response()).as("POST /api/v1/users with a %s of %d characters (inside the limit)", field, length)
                    .isCreated();
            User created = creation.response().as(User.class);
            // The other field of a pair is its own row's to judge.
            NewUser expected = field.equals("username") ? creation.sent().withFullName(created.fullName())
                    : creation.sent().withUsername(created.username());
            assertThat(created).as("user created with a %s of %d characters, stored in full", field, length)
                    .matches(pair.isPresent() ? expected : creation.sent());
            return;
        }
        NewUser sent = withLength(Users.valid(), field, length);
        ApiResponse response = tenant.users().create(sent);
        assertThat(response).as("POST /api/v1/users with a %s of %d characters (outside the limit)", field, length)
                .isValidationErrorFor(field);
        List<User> users = Listings.everyUser(tenant.admin());
        assertThat(users).as("usernames in the tenant after the rejected request: a 422 creates nothing")
                .extracting(User::username).doesNotContain(sent.username());
        assertThat(users).as("emails in the tenant after the rejected request: a 422 creates nothing")
                .extracting(User::email).doesNotContain(sent.email());
    }

    private synchronized Creation pairCreated(Lengths lengths, Tenant tenant) {
        return pairs.computeIfAbsent(lengths, key -> create(key::user, "username", key.username(), tenant));
    }

    /** A creation of a new user, retried with another username while a short one is taken (409). */
    private static Creation create(Supplier<NewUser> user, String field, int length, Tenant tenant) {
        NewUser sent = user.get();
        ApiResponse response = tenant.users().create(sent);
        for (int attempt = 1; attempt < SHORT_NAME_ATTEMPTS && response.status() == 409 && isShortUsername(field, length);
             attempt++) {
            sent = user.get();
            response = tenant.users().create(sent);
        }
        return new Creation(sent, response);
    }

    private static NewUser withLength(NewUser valid, String field, int length) {
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
