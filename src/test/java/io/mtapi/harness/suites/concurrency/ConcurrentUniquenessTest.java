package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
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

import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Check-then-insert races on the system-wide uniqueness of usernames and emails. The
 * attempts are spread over the admins of two tenants: uniqueness is global, and each admin
 * stays inside its rate-limit budget for POST /api/v1/users.
 */
@ContractTest
@CallsPerBudget(8)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Uniqueness under concurrent creation")
class ConcurrentUniquenessTest {

    /** Concurrent attempts: 4 per admin, well inside one budget of 10. */
    private static final int ATTEMPTS = 8;

    private record Attempt(Tenant by, NewUser user) {
    }

    @Test
    @Story("Races on uniqueness")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The same username sent by 8 concurrent POST /api/v1/users is created once: one 201, the rest 409")
    @Covers({"§3 POST /api/v1/users 409 username taken", "§1 usernames are unique across the whole system",
            "§8 concurrent operations and races"})
    void sameUsernameIsCreatedExactlyOnce(Tenant tenant, @Other Tenant other) {
        String username = Users.username();
        List<Attempt> attempts = spread(tenant, other, i -> Users.valid().withUsername(username));

        List<ApiResponse> responses = Concurrently.run(attempts, a -> a.by().users().create(a.user()));

        assertOneCreatedRestConflict(responses, "username");
        assertThat(TenantUsers.named(tenant, username) + TenantUsers.named(other, username))
                .as("users holding the username in both tenants (active_only=false) after %d concurrent creations",
                        ATTEMPTS)
                .isEqualTo(1);
    }

    @Test
    @Story("Races on uniqueness")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The same email sent by 8 concurrent POST /api/v1/users is created once: one 201, the rest 409")
    @Covers({"§3 POST /api/v1/users 409 email taken", "§1 emails are unique across the whole system",
            "§8 concurrent operations and races"})
    void sameEmailIsCreatedExactlyOnce(Tenant tenant, @Other Tenant other) {
        String email = Users.email();
        List<Attempt> attempts = spread(tenant, other, i -> Users.valid().withEmail(email));

        List<ApiResponse> responses = Concurrently.run(attempts, a -> a.by().users().create(a.user()));

        assertOneCreatedRestConflict(responses, "email");
        assertThat(TenantUsers.withEmail(tenant, email) + TenantUsers.withEmail(other, email))
                .as("users holding the email in both tenants (active_only=false) after %d concurrent creations", ATTEMPTS)
                .isEqualTo(1);
    }

    private static List<Attempt> spread(Tenant tenant, Tenant other, IntFunction<NewUser> user) {
        return IntStream.range(0, ATTEMPTS).mapToObj(i -> new Attempt(i % 2 == 0 ? tenant : other, user.apply(i))).toList();
    }

    private static void assertOneCreatedRestConflict(List<ApiResponse> responses, String what) {
        responses.forEach(r -> assertThat(r).as("one of %d concurrent creations with the same %s", responses.size(), what)
                .isNotServerError());
        List<Integer> statuses = responses.stream().map(ApiResponse::status).toList();
        assertThat(statuses).as("statuses of %d concurrent creations with the same %s (contract: exactly one 201, "
                + "the rest 409)", responses.size(), what).containsOnlyOnce(201);
        assertThat(statuses).filteredOn(status -> status != 201)
                .as("statuses of the %d creations that lost the race for the same %s (contract: 409)",
                        responses.size() - 1, what)
                .containsOnly(409);
    }
}
