package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ContractGap;
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

import java.util.Locale;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Usernames and emails are unique across the whole system, not per tenant (CONTRACT.md
 * section 1: login takes no tenant). Tier 1 has the duplicates inside one tenant.
 * The taken username or email is that of tenant A's admin, a user like any other: each
 * user created for a test costs the target a password hash.
 */
@ContractTest
@CallsPerBudget(3) // POST /api/v1/users and listings by tenant B's admin, one each per creation test
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Uniqueness")
@DisplayName("Usernames and emails are unique across tenants")
class UserUniquenessTest {

    private static final String CASE_GAP_REASON = "an email names one mailbox whatever its letter case (domains are "
            + "case-insensitive, providers ignore the local part's case); the contract says emails are unique but not "
            + "how they compare, while it does say tenant names compare case-insensitively. Case variants would give "
            + "one mailbox several accounts";

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A user in tenant B with the username of tenant A's user is rejected (409) and not created")
    @Covers({"§1 usernames unique across the system", "§3 POST /api/v1/users 409 username"})
    void usernameTakenInAnotherTenantIsConflict(Tenant tenant, @Other Tenant other) {
        Account alice = tenant.admin().account();
        NewUser copy = Users.valid().withUsername(alice.username());

        ApiResponse response = other.users().create(copy);

        assertThat(response).as("tenant B creates a user with a username taken in tenant A")
                .isConflict().hasErrorDetail();
        assertThat(Listings.everyUser(other.admin())).as("users of tenant B after the rejected creation: a 409 creates nothing")
                .extracting(User::email).doesNotContain(copy.email());
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A user in tenant B with the email of tenant A's user is rejected (409) and not created")
    @Covers({"§1 emails unique across the system", "§3 POST /api/v1/users 409 email"})
    void emailTakenInAnotherTenantIsConflict(Tenant tenant, @Other Tenant other) {
        Account alice = tenant.admin().account();
        NewUser copy = Users.valid().withEmail(alice.email());

        ApiResponse response = other.users().create(copy);

        assertThat(response).as("tenant B creates a user with an email taken in tenant A")
                .isConflict().hasErrorDetail();
        assertThat(Listings.everyUser(other.admin())).as("users of tenant B after the rejected creation: a 409 creates nothing")
                .extracting(User::username).doesNotContain(copy.username());
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "emailCaseInsensitive", reason = CASE_GAP_REASON)
    @DisplayName("A new user whose email differs from a taken one only in letter case is rejected (409)")
    @Covers({"§1 emails unique across the system", "§3 POST /api/v1/users 409 email"})
    void emailInOtherLetterCaseIsConflict(Tenant tenant, @Other Tenant other) {
        Account alice = tenant.admin().account();
        NewUser shouting = Users.valid().withEmail(alice.email().toUpperCase(Locale.ROOT));

        ApiResponse response = other.users().create(shouting);

        assertThat(response).as("tenant B creates a user with the email of tenant A's user in capitals").isConflict();
        assertThat(Listings.everyUser(other.admin())).as("users of tenant B after the rejected creation: a 409 creates nothing")
                .extracting(User::username).doesNotContain(shouting.username());
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "emailCaseInsensitive", reason = CASE_GAP_REASON)
    @DisplayName("PUT /api/v1/users/{id} to an email that differs from another user's only in letter case is rejected (409)")
    @Covers({"§1 emails unique across the system", "§3 PUT /api/v1/users/{id} 409 email taken"})
    void updateToEmailInOtherLetterCaseIsConflict(Tenant tenant) {
        Account alice = tenant.admin().account();
        User bob = tenant.users().created(Users.valid());
        // Only the local part in capitals: the creation test above sends the whole email so, and a target that
        // wrongly accepts one variant must not turn the other into a plain duplicate.
        int at = alice.email().indexOf('@');
        String shouting = alice.email().substring(0, at).toUpperCase(Locale.ROOT) + alice.email().substring(at);

        ApiResponse response = tenant.users().update(bob.id(), Map.of("email", shouting));

        assertThat(response).as("an admin gives a user another user's email, its local part in capitals").isConflict();
        assertThat(tenant.users().get(bob.id()).as(User.class)).as("the user read back after the rejected update: unchanged")
                .isEqualTo(bob);
    }
}
