package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
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
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/** Concurrent writes to one user: every answer true, the final state one that was written. */
@ContractTest
@CallsPerBudget(3)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Concurrent updates and deletes of one user")
class ConcurrentUpdatesTest {

    private static final int WRITERS = 6;
    private static final int ROUNDS = 3;

    @Test
    @Story("Concurrent updates")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("6 concurrent PUT /api/v1/users/{id} with different full_names: each 200 (or 409), the user ends with "
            + "the last write, its full_name and updated_at")
    @Covers({"§3 PUT /api/v1/users/{id} 200 with the change and a later updated_at", "§8 concurrent operations and races"})
    void concurrentRenamesEndWithTheLastWrite(Tenant tenant) {
        User user = tenant.users().created(Users.valid());
        List<String> names = IntStream.range(0, WRITERS).mapToObj(i -> "Writer " + i + " " + user.username()).toList();

        List<ApiResponse> responses = Concurrently.run(names, name -> tenant.users().update(user.id(), Map.of("full_name", name)));

        responses.forEach(r -> assertThat(r.status()).as("status of one of %d concurrent renames of a user (contract: 200, "
                + "a target may refuse a conflicting write with 409)%n  %s", WRITERS, r.describe())
                .isIn(200, 409));
        List<User> written = responses.stream().filter(r -> r.status() == 200).map(r -> r.as(User.class)).toList();
        assertThat(written).as("renames answered 200 out of %d concurrent ones", WRITERS).isNotEmpty();
        written.forEach(w -> assertThat(w.updatedAt()).as("updated_at of a rename answered 200")
                .isAfter(user.updatedAt()));
        User last = written.stream().max(Comparator.comparing(User::updatedAt)).orElseThrow();

        User after = tenant.users().get(user.id()).as(User.class);

        assertThat(after.fullName()).as("full_name of a user after %d concurrent renames: one of them", WRITERS)
                .isIn(names);
        assertThat(after.updatedAt()).as("updated_at of the user after the renames: that of the last write answered 200")
                .isEqualTo(last.updatedAt());
        assertThat(after.fullName()).as("full_name of the user after the renames: that of the last write answered 200 "
                + "(the one with the latest updated_at)%n  latest updated_at %s", last.updatedAt()).isEqualTo(last.fullName());
        assertThat(after.createdAt()).as("created_at must not change on update").isEqualTo(user.createdAt());
    }

    @Test
    @Story("Concurrent updates")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Concurrent PUTs of different fields (full_name, email) of one user both take effect: no lost update")
    @Covers({"§3 PUT /api/v1/users/{id} 200 User with the change", "§8 concurrent operations and races"})
    void concurrentUpdatesOfDifferentFieldsAreBothKept(Tenant tenant) {
        User user = tenant.users().created(Users.valid());

        for (int round = 1; round <= ROUNDS; round++) {
            String name = "Round " + round + " " + user.username();
            String email = Users.email();
            List<Map<String, String>> changes = List.of(Map.of("full_name", name), Map.of("email", email));

            List<ApiResponse> responses = Concurrently.run(changes, change -> tenant.users().update(user.id(), change));

            for (int i = 0; i < changes.size(); i++) {
                assertThat(responses.get(i)).as("PUT of %s sent concurrently with a change of the other field", changes.get(i).keySet())
                        .isOk();
            }
            User after = tenant.users().get(user.id()).as(User.class);
            assertThat(after.fullName()).as("full_name of the user after round %d of concurrent PUTs of full_name and "
                    + "email: both answered 200, so both changes must be kept", round).isEqualTo(name);
            assertThat(after.email()).as("email of the user after round %d of concurrent PUTs of full_name and email: "
                    + "both answered 200, so both changes must be kept", round).isEqualTo(email);
        }
    }

    @Test
    @Story("Concurrent deletes")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("6 concurrent DELETE /api/v1/users/{id} of one user: at least one 204, the rest 204 or 404, never 5xx; "
            + "the user is inactive afterwards")
    @Covers({"§3 DELETE /api/v1/users/{id} 204 soft delete", "§3 DELETE /api/v1/users/{id} 404",
            "§8 concurrent operations and races"})
    void concurrentDeletesSoftDeleteOnce(Tenant tenant) {
        User user = tenant.users().created(Users.valid());

        List<ApiResponse> responses = Concurrently.run(IntStream.range(0, WRITERS).boxed().toList(),
                i -> tenant.users().delete(user.id()));

        responses.forEach(r -> assertThat(r).as("one of %d concurrent deletes of a user", WRITERS).isNotServerError());
        assertThat(responses).as("statuses of %d concurrent deletes of a user (contract: 204, a repeated delete 204 or 404)",
                WRITERS).extracting(ApiResponse::status).contains(204).isSubsetOf(204, 404);
        ApiResponse after = tenant.users().get(user.id());
        assertThat(after).as("the user read after the deletes (soft delete: still readable)").isOk();
        assertThat(after.as(User.class)).isInactive();
    }
}
