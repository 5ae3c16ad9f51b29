package io.mtapi.harness.suites.concurrency;

import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * The assessment's "async vs sequential timing": the same number of creations sent at once
 * and one after another, measured and attached to the report as data. Timing depends on the
 * target and the machine, so it is reported, not asserted; correctness is asserted.
 */
@ContractTest
@CallsPerBudget(2 * CreationTimingTest.USERS)
@Tag(Tags.CONCURRENCY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Concurrency")
@DisplayName("Concurrent vs sequential creation")
class CreationTimingTest {

    /**
     * Per mode. Both modes are sent by the one admin, inside one rate-limit budget of POST /api/v1/users;
     * three a mode show the difference and cost the target six password hashes (ten before, for the same finding).
     */
    static final int USERS = 3;

    private record Timed(ApiResponse response, Duration took) {
    }

    @Test
    @Story("Concurrent vs sequential timing")
    @Severity(SeverityLevel.MINOR)
    @DisplayName("3 users created concurrently and 3 sequentially are all created (201); the timings are attached to "
            + "the report")
    @Covers({"§8 async vs sequential timing", "§3 POST /api/v1/users 201"})
    void concurrentAndSequentialCreationTimed(Tenant tenant) {
        List<NewUser> concurrentUsers = Users.valid(USERS);
        List<NewUser> sequentialUsers = Users.valid(USERS);

        long start = System.nanoTime();
        List<Timed> concurrent = Concurrently.run(concurrentUsers, user -> timed(tenant, user));
        Duration concurrentTotal = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        List<Timed> sequential = new ArrayList<>();
        sequentialUsers.forEach(user -> sequential.add(timed(tenant, user)));
        Duration sequentialTotal = Duration.ofNanos(System.nanoTime() - start);

        if (Allure.getLifecycle().getCurrentTestCase().isPresent()) { // none on a parity run's baseline side
            Allure.addAttachment("timing", "text/csv", csv(concurrent, concurrentTotal, sequential, sequentialTotal), ".csv");
        }
        assertAllCreated(concurrent, concurrentUsers, "concurrently");
        assertAllCreated(sequential, sequentialUsers, "sequentially");
        assertThat(Stream.concat(concurrent.stream(), sequential.stream()).map(t -> t.response().as(User.class).id()).toList())
                .as("ids of the %d users created", 2 * USERS).doesNotHaveDuplicates();
    }

    private static Timed timed(Tenant tenant, NewUser user) {
        long start = System.nanoTime();
        ApiResponse response = tenant.users().create(user);
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void assertAllCreated(List<Timed> timed, List<NewUser> sent, String how) {
        for (int i = 0; i < sent.size(); i++) {
            assertThat(timed.get(i).response()).as("creation %d of %d, %s", i + 1, sent.size(), how).isCreated();
            assertThat(timed.get(i).response().as(User.class)).matches(sent.get(i));
        }
    }

    private static String csv(List<Timed> concurrent, Duration concurrentTotal, List<Timed> sequential,
                              Duration sequentialTotal) {
        StringBuilder csv = new StringBuilder("mode,request,latency_ms\n");
        for (int i = 0; i < concurrent.size(); i++) {
            csv.append(String.format(Locale.ROOT, "concurrent,%d,%d%n", i + 1, concurrent.get(i).took().toMillis()));
        }
        for (int i = 0; i < sequential.size(); i++) {
            csv.append(String.format(Locale.ROOT, "sequential,%d,%d%n", i + 1, sequential.get(i).took().toMillis()));
        }
        csv.append(String.format(Locale.ROOT, "concurrent,total,%d%n", concurrentTotal.toMillis()));
        csv.append(String.format(Locale.ROOT, "sequential,total,%d%n", sequentialTotal.toMillis()));
        return csv.toString();
    }
}
