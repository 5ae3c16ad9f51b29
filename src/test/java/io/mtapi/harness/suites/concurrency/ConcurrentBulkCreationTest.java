package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * POST /api/v1/users/bulk creates its users concurrently (CONTRACT.md section 3): duplicates
 * inside one request, and one username in two bulks sent at once, must still be decided once,
 * and a refused bulk creates nothing.
 */
@ContractTest
@CallsPerBudget(4)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Concurrent bulk creation")
class ConcurrentBulkCreationTest {

    /** Users per bulk besides the contested one; it comes last, so a non-atomic bulk has created these first. */
    private static final int OWN_USERS = 2;

    /** Two items of one bulk that share what must be unique. */
    enum Twin {
        USERNAME((first, fresh) -> fresh.withUsername(first.username())),
        EMAIL((first, fresh) -> fresh.withEmail(first.email()));

        private final BiFunction<NewUser, NewUser, NewUser> of;

        Twin(BiFunction<NewUser, NewUser, NewUser> of) {
            this.of = of;
        }
    }

    @ParameterizedTest(name = "same {0} twice")
    @EnumSource(Twin.class)
    @Story("Bulk creation races")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A bulk holding the same username (or email) twice is refused with 409 and creates nothing")
    @Covers({"§3 POST /api/v1/users/bulk 409 by the same rules as single creation", "§3 bulk: created concurrently",
            "§9 duplicates inside one request"})
    void duplicateInsideOneBulkCreatesNothing(Twin twin, Tenant tenant) {
        List<NewUser> bulk = new ArrayList<>(Users.valid(4));
        bulk.add(twin.of.apply(bulk.get(0), Users.valid()));

        ApiResponse response = tenant.users().bulkCreate(bulk);

        assertThat(response).as("a bulk of %d users in which two share the %s", bulk.size(), twin).isConflict();
        assertThat(TenantUsers.all(tenant)).as("emails in the tenant after the refused bulk: a 409 creates none of its users")
                .extracting(User::email).doesNotContainAnyElementsOf(emailsOf(bulk));
    }

    @Test
    @Story("Bulk creation races")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Two bulks sent at once that share one username: one 201, one 409, the username exists once and the "
            + "refused bulk created nothing")
    @Covers({"§3 POST /api/v1/users/bulk 201 created concurrently", "§3 POST /api/v1/users/bulk 409",
            "§8 concurrent operations and races"})
    void concurrentBulksSharingAUsernameAreDecidedOnce(Tenant tenant, @Other Tenant other) {
        String contested = Users.username();
        List<Bulk> bulks = List.of(new Bulk(tenant, withContested(contested)), new Bulk(other, withContested(contested)));

        List<ApiResponse> responses = Concurrently.run(bulks, bulk -> bulk.by().users().bulkCreate(bulk.users()));

        responses.forEach(r -> assertThat(r).as("one of two concurrent bulks sharing a username").isNotServerError());
        assertThat(responses).as("statuses of two concurrent bulks sharing a username (contract: one 201, one 409)")
                .extracting(ApiResponse::status).containsExactlyInAnyOrder(201, 409);
        int winner = responses.get(0).status() == 201 ? 0 : 1;
        Bulk won = bulks.get(winner);
        Bulk lost = bulks.get(1 - winner);
        assertThat(responses.get(winner).as(User[].class)).as("users created by the bulk that won: all it sent")
                .extracting(User::username).containsExactlyInAnyOrderElementsOf(usernamesOf(won.users()));
        assertThat(TenantUsers.named(tenant, contested) + TenantUsers.named(other, contested))
                .as("users holding the contested username in both tenants after the two bulks").isEqualTo(1);
        assertThat(TenantUsers.all(lost.by())).as("users of the tenant whose bulk was refused with 409: it must have "
                + "created none of its users").extracting(User::username).doesNotContainAnyElementsOf(usernamesOf(lost.users()));
    }

    private record Bulk(Tenant by, List<NewUser> users) {
    }

    private static List<NewUser> withContested(String username) {
        List<NewUser> users = new ArrayList<>(Users.valid(OWN_USERS));
        users.add(Users.valid().withUsername(username));
        return users;
    }

    private static Set<String> usernamesOf(List<NewUser> users) {
        return users.stream().map(NewUser::username).collect(Collectors.toSet());
    }

    private static Set<String> emailsOf(List<NewUser> users) {
        return users.stream().map(NewUser::email).collect(Collectors.toSet());
    }
}
