package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Caller;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Ids are UUIDs, so guessing them is pointless; what an attacker can still do is hold a real id
 * of another tenant (leaked in a log, a URL, a support ticket) and ask. The contract's answer is
 * the same 404 as for an id that exists nowhere: any difference, in status or body, is an oracle
 * that tells the attacker the id exists. The tenant-isolation suite checks each call's 404; this
 * class compares the two answers byte for byte.
 */
@ContractTest
@CallsPerBudget(2) // tenant A's admin creates two victims and uploads two files
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API1:2023 Broken Object Level Authorization")
@DisplayName("API1:2023 Broken Object Level Authorization")
class BrokenObjectLevelAuthorizationTest {

    /** Every call of the contract that takes an object id. */
    enum IdTakingCall {
        GET_USER(true, (caller, id) -> caller.users().get(id)),
        UPDATE_USER(true, (caller, id) -> caller.users().update(id, Map.of("full_name", "Probe"))),
        DELETE_USER(true, (caller, id) -> caller.users().delete(id)),
        DOWNLOAD_FILE(false, (caller, id) -> caller.files().download(id)),
        DELETE_FILE(false, (caller, id) -> caller.files().delete(id));

        private final boolean onUsers;
        private final BiFunction<Caller, String, ApiResponse> call;

        IdTakingCall(boolean onUsers, BiFunction<Caller, String, ApiResponse> call) {
            this.onUsers = onUsers;
            this.call = call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IdTakingCall.class)
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("API1:2023 Broken Object Level Authorization — another tenant's id is answered exactly like an id "
            + "that exists nowhere (status and body)")
    @Covers({"OWASP API1:2023 BOLA", "§3 404 unknown id or a user of another tenant", "§5 404 unknown or other tenant"})
    void anotherTenantsIdIsIndistinguishableFromAnUnknownId(IdTakingCall call, Tenant tenant, @Other Tenant other) {
        String ownerId = victimOf(call, tenant);
        String unknownId = UUID.randomUUID().toString();
        String secondUnknownId = UUID.randomUUID().toString();

        ApiResponse foreign = call.call.apply(other.admin(), ownerId);
        ApiResponse unknown = call.call.apply(other.admin(), unknownId);
        ApiResponse secondUnknown = call.call.apply(other.admin(), secondUnknownId);

        assertThat(unknown).as("tenant B's %s with an id that exists nowhere", call).hasStatus(404);
        assertThat(foreign).as("tenant B's call on tenant A's object: answered as an id that exists nowhere (status and "
                + "body), or it tells the caller the id exists elsewhere%n  call: %s", call)
                .answersLikeUnknownIds(ownerId, unknown, unknownId, secondUnknown, secondUnknownId);
        assertOwnerStillHas(call, tenant, ownerId);
    }

    /**
     * Tenant A's object the call is aimed at. The read aims at tenant A's admin, a user that exists already (no
     * password hash for the target); an update or delete gets a user of its own, so a missing check shows in its
     * own test only and never changes the admin the tenant's next borrower works with.
     */
    private static String victimOf(IdTakingCall call, Tenant tenant) {
        if (call == IdTakingCall.GET_USER) {
            return tenant.admin().account().userId();
        }
        return call.onUsers
                ? tenant.users().created(Users.valid()).id()
                : tenant.files().uploaded(SampleFiles.text()).id();
    }

    private static void assertOwnerStillHas(IdTakingCall call, Tenant tenant, String id) {
        if (call.onUsers) {
            ApiResponse owner = tenant.users().get(id);
            assertThat(owner).as("tenant A reads its user after %s by another tenant", call).isOk();
            User user = owner.as(User.class);
            assertThat(user.isActive()).as("tenant A's user still active after %s by another tenant", call).isTrue();
            assertThat(user.fullName()).as("tenant A's user's full_name after %s by another tenant: unchanged", call)
                    .isNotEqualTo("Probe");
        } else {
            assertThat(tenant.files().download(id)).as("tenant A downloads its file after %s by another tenant", call)
                    .isOk();
        }
    }
}
