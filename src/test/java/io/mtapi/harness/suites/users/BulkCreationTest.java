package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Other;
import io.mtapi.harness.fixtures.SeededTenant;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * {@code POST /api/v1/users/bulk}: the 50-item limit on both sides, and all-or-nothing
 * under the rules of single creation (422, 409). Tier 1 has the plain bulk creation.
 * A rejected bulk request creates nothing: checked by listing, for every item.
 */
@ContractTest
@Tag(Tags.USERS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Bulk creation")
@DisplayName("Bulk creation of users: limit and all-or-nothing")
// Early: the run's seeded tenant (50 hashed users) is made for these tests, and the sooner it
// starts, the more of it overlaps the rate-limit suite's waiting.
@Order(2)
class BulkCreationTest {

    private static final int LIMIT = SeededTenant.SIZE;

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk with exactly 50 users creates all 50 (201)")
    @Covers({"§3 POST /api/v1/users/bulk 201", "§3 POST /api/v1/users/bulk 400 more than 50 items"})
    void exactlyFiftyUsersAreCreated(SeededTenant seeded) {
        // The run's seeded tenant was made by exactly this request; its answer is checked here.
        List<NewUser> sent = seeded.sent();
        ApiResponse response = seeded.seeding();

        assertThat(response).as("bulk creation of exactly %d users (the limit)", LIMIT).isCreated();
        List<User> created = List.of(response.as(User[].class));
        assertThat(created).as("usernames in the 201 of a %d-item bulk request", LIMIT).extracting(User::username)
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(NewUser::username).toList());
        assertThat(created).as("ids of the %d bulk-created users", LIMIT).extracting(User::id).doesNotHaveDuplicates();
        created.forEach(user -> assertThat(seeded.tenant().users().get(user.id()))
                .as("a bulk-created user read back by its admin").isOk());
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk with 51 users answers 400 and creates none of them")
    @Covers({"§3 POST /api/v1/users/bulk 400 more than 50 items", "OWASP API4:2023 unrestricted resource consumption"})
    void moreThanFiftyIsRejectedWhole(Tenant tenant) {
        List<NewUser> sent = Users.valid(LIMIT + 1);

        ApiResponse response = tenant.users().bulkCreate(sent);

        assertThat(response).as("bulk creation of %d users (one over the limit)", LIMIT + 1).hasStatus(400).hasErrorDetail();
        assertCreatedNone(tenant, sent);
    }

    /** One item of an otherwise valid bulk request that single creation would refuse with 422. */
    enum InvalidItem {
        FULL_NAME_TOO_LONG(() -> Users.invalid(Users.Invalid.FULL_NAME_TOO_LONG)),
        EMAIL_WITHOUT_AT(() -> Users.invalid(Users.Invalid.EMAIL_WITHOUT_AT)),
        USERNAME_MISSING(() -> Users.invalid(Users.Invalid.USERNAME_MISSING)),
        NOT_AN_OBJECT(() -> Users.username());

        private final Supplier<Object> item;

        InvalidItem(Supplier<Object> item) {
            this.item = item;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InvalidItem.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk with one invalid item answers 422 and creates none of the valid ones")
    @Covers({"§3 POST /api/v1/users/bulk 422"})
    void invalidItemRejectsTheWholeRequest(InvalidItem variant, Tenant tenant) {
        List<NewUser> valid = Users.valid(3);
        List<Object> items = new ArrayList<>(valid);
        items.add(1, variant.item.get());

        ApiResponse response = tenant.users().bulkCreate(items);

        assertThat(response).as("bulk creation of 3 valid users and one %s", variant).isValidationError();
        assertCreatedNone(tenant, valid);
    }

    /** Two items of one bulk request that collide with each other. */
    enum DuplicateInside {
        SAME_USERNAME(first -> Users.valid().withUsername(first.username())),
        SAME_EMAIL(first -> Users.valid().withEmail(first.email()));

        private final Function<NewUser, NewUser> twin;

        DuplicateInside(Function<NewUser, NewUser> twin) {
            this.twin = twin;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DuplicateInside.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk with two items of the same username or email answers 409 and creates none")
    @Covers({"§3 POST /api/v1/users/bulk 409", "§9 duplicates inside one request"})
    void duplicatesInsideOneRequestAreConflict(DuplicateInside variant, Tenant tenant) {
        List<NewUser> sent = new ArrayList<>(Users.valid(3));
        sent.add(variant.twin.apply(sent.get(0)));

        ApiResponse response = tenant.users().bulkCreate(sent);

        assertThat(response).as("bulk creation whose last item repeats the first one's %s", variant).isConflict()
                .hasErrorDetail();
        assertCreatedNone(tenant, sent);
    }

    /**
     * An item that collides with a user that already exists, in another tenant (uniqueness is system-wide):
     * that tenant's admin, a user like any other, so the clash costs no user created for it (a password hash).
     */
    enum TakenByExisting {
        USERNAME(existing -> Users.valid().withUsername(existing.username())),
        EMAIL(existing -> Users.valid().withEmail(existing.email()));

        private final Function<Account, NewUser> clash;

        TakenByExisting(Function<Account, NewUser> clash) {
            this.clash = clash;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TakenByExisting.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk whose last item takes an existing user's username or email answers 409 and creates none")
    @Covers({"§3 POST /api/v1/users/bulk 409", "§1 usernames and emails unique across the system"})
    void itemTakenByAnExistingUserIsConflict(TakenByExisting variant, Tenant tenant, @Other Tenant other) {
        Account existing = other.admin().account();
        List<NewUser> sent = new ArrayList<>(Users.valid(3));
        // Last, so a target that creates item by item has created the first three before it meets the clash.
        sent.add(variant.clash.apply(existing));

        ApiResponse response = tenant.users().bulkCreate(sent);

        assertThat(response).as("bulk creation whose last item takes the %s of another tenant's user", variant)
                .isConflict().hasErrorDetail();
        assertCreatedNone(tenant, sent);
    }

    @Test
    @Severity(SeverityLevel.MINOR)
    @DisplayName("POST /api/v1/users/bulk with an empty array answers 201 with an empty array, or 422")
    @Covers({"§3 POST /api/v1/users/bulk 201", "§9 empty input"})
    void emptyArrayCreatesNothing(Tenant tenant) {
        ApiResponse response = tenant.users().bulkCreate(List.of());

        // The contract is silent on an empty array: creating nothing (201 []) and refusing it (422) are both sound.
        if (response.status() == 422) {
            assertThat(response).as("bulk creation of no users, refused").isValidationError();
        } else {
            assertThat(response).as("bulk creation of no users (expected 201 [] or 422)").isCreated();
            assertThat(List.of(response.as(User[].class))).as("users created by a bulk request of none").isEmpty();
        }
    }

    private static void assertCreatedNone(Tenant tenant, List<NewUser> sent) {
        List<User> users = Listings.everyUser(tenant.admin());
        assertThat(users).as("usernames in the tenant after the rejected bulk request: all or nothing, so none of its items")
                .extracting(User::username).doesNotContainAnyElementsOf(sent.stream().map(NewUser::username).toList());
        assertThat(users).as("emails in the tenant after the rejected bulk request: none of its items")
                .extracting(User::email).doesNotContainAnyElementsOf(sent.stream().map(NewUser::email).toList());
    }
}
