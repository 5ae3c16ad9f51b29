package io.mtapi.harness.suites.users;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Account;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Disposable;
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

import java.util.List;
import java.util.UUID;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(2) // GET /api/v1/users: the default listing and the one with active_only=false
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Soft delete")
@DisplayName("Soft delete of users")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoftDeleteTest {

    /** A user the class created and deleted, with the answer to its DELETE. */
    private record Deleted(User before, ApiResponse answer) {
    }

    /** Made once, by whichever test asks first: both tests judge one soft delete (each user costs the target a hash). */
    private Deleted deleted;

    private synchronized Deleted deleted(Tenant tenant) {
        if (deleted == null) {
            User before = tenant.users().created(Users.valid());
            deleted = new Deleted(before, tenant.users().delete(before.id()));
        }
        return deleted;
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("DELETE /api/v1/users/{id} answers 204; the user still reads 200 with is_active false and a later updated_at")
    @Covers({"§3 DELETE /api/v1/users/{id} 204", "§3 soft delete: GET /api/v1/users/{id} 200 is_active false"})
    void deletedUserStaysReadableAsInactive(Tenant tenant) {
        Deleted deletion = deleted(tenant);
        User before = deletion.before();

        assertThat(deletion.answer()).as("an admin deletes a user of its tenant").isNoContent();
        ApiResponse read = tenant.users().get(before.id());
        assertThat(read).as("GET of the soft-deleted user (a soft delete keeps the user readable)")
                .isOk();
        User after = read.as(User.class);
        assertThat(after).isInactive();
        assertThat(after.updatedAt()).as("updated_at of a user after its soft delete (a delete is a change): later")
                .isAfter(before.updatedAt());
        User unchangedApartFromTheDelete = new User(before.id(), before.tenantId(), before.username(), before.email(),
                before.fullName(), before.role(), before.createdAt(), after.updatedAt(), false);
        assertThat(after).as("a user after its soft delete: only is_active and updated_at may change")
                .isEqualTo(unchangedApartFromTheDelete);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The default listing leaves a soft-deleted user out; active_only=false lists it, with is_active false")
    @Covers({"§3 GET /api/v1/users active_only default true", "§3 soft delete: listing"})
    void defaultListingLeavesDeletedUserOut(Tenant tenant) {
        // The admin is the active user the listing must keep.
        String kept = tenant.admin().account().userId();
        Deleted deletion = deleted(tenant);
        User gone = deletion.before();
        assertThat(deletion.answer()).as("an admin deletes a user of its tenant").isNoContent();

        Page<User> listed = Listings.defaultListing(tenant.admin());
        List<User> everyone = Listings.everyUser(tenant.admin());

        assertThat(listed.data()).as("ids in the default listing: active_only defaults to true, so it leaves out the "
                + "soft-deleted user and keeps the active one%n  deleted %s, kept %s", gone.id(), kept)
                .extracting(User::id).contains(kept).doesNotContain(gone.id());
        assertThat(listed.data()).as("is_active of every user in the default listing")
                .extracting(User::isActive).containsOnly(true);
        assertThat(everyone).as("the listing with active_only=false: the soft-deleted user is in it, inactive")
                .filteredOn(user -> user.id().equals(gone.id()))
                .singleElement().extracting(User::isActive).isEqualTo(false);
        assertThat(everyone).as("the listing with active_only=false: the active user is in it")
                .extracting(User::id).contains(kept);
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("DELETE /api/v1/users/{id} of an unknown id answers 404")
    @Covers({"§3 DELETE /api/v1/users/{id} 404 unknown id"})
    void deletingUnknownIdIsNotFound(Tenant tenant) {
        String unknown = UUID.randomUUID().toString();

        assertThat(tenant.users().delete(unknown)).as("admin deletes a user id that exists nowhere")
                .hasStatus(404).hasErrorDetail();
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A soft-deleted user can no longer log in (403): a tenant admin that deleted itself")
    @Covers({"§3 soft delete: login 403", "§2 POST /auth/login 403 deactivated account"})
    void deletedUserCannotLogIn(ApiTarget target, @Disposable Tenant retiring) {
        // Created users have no documented password; the admin is the one user whose password is known.
        Account admin = retiring.admin().account();

        assertThat(retiring.users().delete(admin.userId())).as("a tenant's admin deletes itself").isNoContent();

        assertThat(target.auth().login(admin.username(), admin.password()))
                .as("login of the soft-deleted admin with its right password")
                .isForbidden().hasErrorDetail();
    }
}
