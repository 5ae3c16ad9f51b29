package io.mtapi.harness.suites.isolation;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
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
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Every call that takes an object id, made by a caller of another tenant: it must answer
 * 404, exactly as it answers an id that exists nowhere, and change nothing. The admin of
 * tenant B attacks tenant A's objects; a member (role user) of tenant A attacks the other
 * tenant's objects, because the member fixture lives in the class's primary tenant.
 */
@ContractTest
@CallsPerBudget(3) // POST /api/v1/users by tenant A's admin: two victims and the member
@Tag(Tags.TENANT_ISOLATION)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Tenant isolation")
@Story("Every id-taking call across tenants")
@Severity(SeverityLevel.BLOCKER)
@DisplayName("Object-level authorization across tenants")
class ObjectLevelAuthorizationTest {

    /** The contract's calls that take an object id in the path. */
    enum IdCall {
        GET_USER(Victim.EXISTING_USER, (caller, id) -> caller.users().get(id)),
        PUT_USER(Victim.NEW_USER, (caller, id) -> caller.users().update(id, Map.of("full_name", "Taken over",
                "email", Users.email()))),
        DELETE_USER(Victim.NEW_USER, (caller, id) -> caller.users().delete(id)),
        DOWNLOAD_FILE(Victim.FILE, (caller, id) -> caller.files().download(id)),
        DELETE_FILE(Victim.FILE, (caller, id) -> caller.files().delete(id));

        private final Victim victim;
        private final BiFunction<Caller, String, ApiResponse> call;

        IdCall(Victim victim, BiFunction<Caller, String, ApiResponse> call) {
            this.victim = victim;
            this.call = call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IdCall.class)
    @DisplayName("Tenant B's admin on tenant A's object: 404 exactly as for an unknown id, never 403, and the object is unchanged")
    @Covers({"§3 GET /api/v1/users/{id} 404", "§3 PUT /api/v1/users/{id} 404", "§3 DELETE /api/v1/users/{id} 404",
            "§5 GET /api/v1/files/{id} 404", "§5 DELETE /api/v1/files/{id} 404", "§3 another tenant's object: 404, never 403",
            "OWASP API1:2023 BOLA"})
    void otherTenantsAdminCannotReachTheObject(IdCall call, Tenant tenant, @Other Tenant other) {
        assertOutOfReach(call, tenant, other.admin(), "tenant B's admin");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(IdCall.class)
    @DisplayName("A member (role user) of another tenant on the object: 404 exactly as for an unknown id, never 403, and the object is unchanged")
    @Covers({"§3 GET /api/v1/users/{id} 404", "§3 PUT /api/v1/users/{id} 404", "§3 DELETE /api/v1/users/{id} 404",
            "§5 GET /api/v1/files/{id} 404", "§5 DELETE /api/v1/files/{id} 404", "§3 another tenant's object: 404, never 403",
            "OWASP API1:2023 BOLA"})
    void otherTenantsMemberCannotReachTheObject(IdCall call, @Other Tenant other, Member member) {
        assertOutOfReach(call, other, member, "a member of tenant B");
    }

    /** @param who the intruder in role words, for a message that reads the same on every run */
    private static void assertOutOfReach(IdCall call, Tenant owner, Caller intruder, String who) {
        Victim.Placed victim = call.victim.placeIn(owner);
        String unknownId = UUID.randomUUID().toString();
        String secondUnknownId = UUID.randomUUID().toString();

        ApiResponse forUnknown = call.call.apply(intruder, unknownId);
        ApiResponse forSecondUnknown = call.call.apply(intruder, secondUnknownId);
        ApiResponse forOtherTenant = call.call.apply(intruder, victim.id());

        assertThat(forUnknown).as("%s by %s with an id that exists nowhere", call, who).hasStatus(404);
        assertThat(forOtherTenant).as("%s by %s on tenant A's %s", call, who, victim)
                .isNotFoundForOtherTenant()
                .answersLikeUnknownIds(victim.id(), forUnknown, unknownId, forSecondUnknown, secondUnknownId);
        victim.assertUnchanged(owner, call + " by " + who);
    }

    /**
     * What an id-taking call is aimed at, placed in the owner's tenant and checked by the owner afterwards.
     * A call that only reads aims at the owner's admin, a user that exists already (no password hash for the
     * target); a call that would change or remove its victim, were the check missing, gets a user of its own,
     * so that a defect shows in its own test and never in a neighbour's or the next borrower's.
     */
    enum Victim {
        EXISTING_USER {
            @Override
            Placed placeIn(Tenant owner) {
                ApiResponse read = owner.users().get(owner.admin().account().userId());
                assertThat(read).as("tenant A's admin reads itself").isOk();
                return user(read.as(User.class));
            }
        },
        NEW_USER {
            @Override
            Placed placeIn(Tenant owner) {
                return user(owner.users().created(Users.valid()));
            }
        },
        FILE {
            @Override
            Placed placeIn(Tenant owner) {
                SampleFile sample = SampleFiles.text();
                FileMetadata file = owner.files().uploaded(sample);
                return new Placed(file.id(), "file", (tenant, after) ->
                        assertThat(tenant.files().download(file.id()))
                                .as("tenant A's file downloaded by its owner after the rejected %s: unchanged", after)
                                .isOk().hasContentOf(sample));
            }
        };

        abstract Placed placeIn(Tenant owner);

        private static Placed user(User user) {
            return new Placed(user.id(), "user", (tenant, after) ->
                    assertThat(tenant.users().get(user.id()).as(User.class))
                            .as("tenant A's user read by its owner after the rejected %s: unchanged", after)
                            .isEqualTo(user));
        }

        record Placed(String id, String description, BiConsumer<Tenant, String> check) {
            void assertUnchanged(Tenant owner, String after) {
                check.accept(owner, after);
            }

            @Override
            public String toString() {
                return description;
            }
        }
    }
}
