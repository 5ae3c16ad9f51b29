package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ApiTarget;
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

import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(3)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER1)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Concurrent user creation")
class ConcurrentUserCreationTest {

    /** Three users a request: enough to show every item created once in the caller's tenant, at three hashes. */
    private static final int BULK_SIZE = 3;

    @Test
    @Story("Bulk creation")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /api/v1/users/bulk creates every user, with unique ids, all in the caller's tenant (201)")
    @Covers({"§3 POST /api/v1/users/bulk 201"})
    void bulkCreatesEveryUser(Tenant tenant) {
        List<NewUser> sent = Users.valid(BULK_SIZE);

        ApiResponse response = tenant.users().bulkCreate(sent);

        assertThat(response).as("bulk creation of %d users", BULK_SIZE).isCreated();
        List<User> created = List.of(response.as(User[].class));
        assertThat(created).as("users in the bulk response").hasSize(BULK_SIZE);
        assertThat(created).as("usernames in the bulk response")
                .extracting(User::username).containsExactlyInAnyOrderElementsOf(sent.stream().map(NewUser::username).toList());
        assertThat(created).as("ids in the bulk response").extracting(User::id).doesNotHaveDuplicates();
        assertThat(created).as("tenant_id of the bulk-created users").extracting(User::tenantId).containsOnly(tenant.id());
        assertThat(created).as("is_active of the bulk-created users").extracting(User::isActive).containsOnly(true);
        created.forEach(user -> assertThat(tenant.users().get(user.id()))
                .as("a bulk-created user read back").isOk());
    }

    @Test
    @Story("Concurrent single creations")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("N concurrent POST /api/v1/users with distinct data are all created (201), with distinct ids")
    @Covers({"§3 POST /api/v1/users 201 under concurrency"})
    void concurrentDistinctCreationsAllSucceed(Tenant tenant, ApiTarget target) {
        // Stay inside one rate-limit budget of POST /api/v1/users for this tenant's admin.
        int n = Math.min(BULK_SIZE, target.config().rateLimitBudget() - 1);
        List<NewUser> sent = Users.valid(n);

        List<ApiResponse> responses = Concurrently.run(sent, user -> tenant.users().create(user));

        responses.forEach(response -> assertThat(response).as("one of %d concurrent creations", n).isCreated());
        assertThat(responses).as("ids of %d concurrently created users", n)
                .extracting(r -> r.as(User.class).id()).doesNotHaveDuplicates();
    }
}
