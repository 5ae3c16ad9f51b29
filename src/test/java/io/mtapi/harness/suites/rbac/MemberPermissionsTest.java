package io.mtapi.harness.suites.rbac;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Function-level authorization (CONTRACT.md section 9, OWASP API5:2023): what a caller with role
 * {@code user} may do to users and to roles. The contract's users table restricts no call by role,
 * so the refusals below are contract-gap checks: a member that can mint admins or remove other
 * accounts owns its tenant. What the contract does settle (PUT never binds role) is checked as such.
 */
@ContractTest
@CallsPerBudget(5) // POST /api/v1/users by the admin: four users and the member
@Tag(Tags.RBAC)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Roles")
@Story("Function-level authorization")
@DisplayName("What a member (role user) may do to users and roles")
class MemberPermissionsTest {

    private static final String GRANT = "a role-user caller that creates admins raises its own privileges "
            + "(OWASP API5:2023); the contract restricts no users call by role";

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "memberCannotGrantAdmin", reason = GRANT)
    @DisplayName("A member cannot create a user with role admin (403), and none is created")
    @Covers({"§3 POST /api/v1/users 201", "OWASP API5:2023 BFLA"})
    void memberCannotCreateAnAdmin(Tenant tenant, Member member) {
        NewUser admin = Users.valid().withRole("admin");

        assertThat(member.users().create(admin)).as("a member creates a user with role admin").isForbidden();

        assertThat(usernames(tenant)).as("usernames in the tenant after the member's refused creation: not the new admin")
                .doesNotContain(admin.username());
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "memberCannotGrantAdmin", reason = GRANT)
    @DisplayName("A member cannot create an admin in bulk either (403), and nothing of the bulk is created")
    @Covers({"§3 POST /api/v1/users/bulk 201", "OWASP API5:2023 BFLA"})
    void memberCannotCreateAnAdminInBulk(Tenant tenant, Member member) {
        NewUser plain = Users.valid().withRole("user");
        NewUser admin = Users.valid().withRole("admin");

        assertThat(member.users().bulkCreate(List.of(plain, admin)))
                .as("a member creates a plain user and an admin in one bulk").isForbidden();

        assertThat(usernames(tenant)).as("usernames in the tenant after the member's refused bulk: none of its users")
                .doesNotContain(plain.username(), admin.username());
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "memberCannotUpdateOthers", reason = "a role-user caller that edits other accounts can "
            + "take them over, e.g. by changing their email (OWASP API5:2023); the contract restricts no users call by role")
    @DisplayName("A member cannot update another user (403), and the user is unchanged")
    @Covers({"§3 PUT /api/v1/users/{id} 200", "OWASP API5:2023 BFLA"})
    void memberCannotUpdateAnotherUser(Tenant tenant, Member member) {
        User victim = tenant.users().created(Users.valid());

        assertThat(member.users().update(victim.id(), Map.of("full_name", "Changed by a member", "email", Users.email())))
                .as("a member updates another user").isForbidden();

        assertThat(tenant.users().get(victim.id()).as(User.class))
                .as("the other user read by the admin after the member's refused update: unchanged").isEqualTo(victim);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @ContractGap(value = "memberCannotDeleteUsers", reason = "a role-user caller that deactivates other accounts, "
            + "admins included, can lock everyone else out of the tenant (OWASP API5:2023); the contract restricts "
            + "no users call by role")
    @DisplayName("A member cannot deactivate an admin of its tenant (403), and the admin stays active")
    @Covers({"§3 DELETE /api/v1/users/{id} 204", "OWASP API5:2023 BFLA"})
    void memberCannotDeactivateAnAdmin(Tenant tenant, Member member) {
        // A second admin, not the fixture's own: a member that succeeded would otherwise end the class's tenant.
        User admin = tenant.users().created(Users.valid().withRole("admin"));

        assertThat(member.users().delete(admin.id())).as("a member deactivates an admin of its tenant")
                .isForbidden();

        assertThat(tenant.users().get(admin.id()).as(User.class))
                .as("the admin read back after the member's refused delete: unchanged, active").isEqualTo(admin);
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A member can list users, create a plain user and update itself: the contract opens these to any caller")
    @Covers({"§3 GET /api/v1/users 200", "§3 POST /api/v1/users 201", "§3 PUT /api/v1/users/{id} 200"})
    void memberUsesWhatTheContractOpensToIt(Tenant tenant, Member member) {
        NewUser plain = Users.valid().withRole("user");
        String ownId = member.account().userId();

        assertThat(member.users().list()).as("a member lists the users of its tenant").isOk();
        ApiResponse created = member.users().create(plain);
        assertThat(created).as("a member creates a user with role user").isCreated();
        assertThat(created.as(User.class)).as("the user a member created: in the member's tenant").belongsTo(tenant);
        assertThat(member.users().update(ownId, Map.of("full_name", "Renamed by myself")))
                .as("a member updates its own full_name").isOk();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"user, admin", "admin, user"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("PUT /api/v1/users/{id} never changes role: a role in the body is not bound, even from an admin")
    @Covers({"§3 PUT /api/v1/users/{id} 200", "OWASP API3:2023 BOPLA"})
    void putNeverChangesRole(String role, String requested, Tenant tenant) {
        User user = tenant.users().created(Users.valid().withRole(role));

        ApiResponse response = tenant.users().update(user.id(), Map.of("role", requested));

        assertRoleUnchanged(tenant, user, response, "the admin's PUT {\"role\": \"" + requested + "\"}");
    }

    @Test
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("A member cannot promote itself with PUT {\"role\": \"admin\"}: its role stays user")
    @Covers({"§3 PUT /api/v1/users/{id} 200", "OWASP API3:2023 BOPLA", "OWASP API5:2023 BFLA"})
    void memberCannotPromoteItself(Tenant tenant, Member member) {
        User self = tenant.users().get(member.account().userId()).as(User.class);

        ApiResponse response = member.users().update(self.id(), Map.of("role", "admin"));

        assertRoleUnchanged(tenant, self, response, "the member's own PUT {\"role\": \"admin\"}");
    }

    /** 200 (role ignored, as an unknown field) or 422 (unknown field refused) are fine; a changed role is not. */
    private static void assertRoleUnchanged(Tenant tenant, User before, ApiResponse response, String what) {
        assertThat(response.status()).as("status of %s: 200 (role ignored) or 422 (refused)%n  %s", what,
                response.describe()).isIn(200, 422);
        if (response.status() == 200) {
            assertThat(response.as(User.class).role()).as("role in the answer to %s", what).isEqualTo(before.role());
        }
        assertThat(tenant.users().get(before.id()).as(User.class).role())
                .as("role of the user read back by the admin after %s: unchanged", what).isEqualTo(before.role());
    }

    private static List<String> usernames(Tenant tenant) {
        ApiResponse listing = tenant.users().list(Map.of("page_size", 100, "active_only", false));
        assertThat(listing).as("the admin lists the users of its tenant").isOk();
        return listing.as(new TypeReference<Page<User>>() { }).data().stream().map(User::username).toList();
    }
}
