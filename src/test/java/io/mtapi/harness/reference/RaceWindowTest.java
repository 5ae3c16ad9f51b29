package io.mtapi.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.mtapi.harness.reference.ReferenceTargetTest.call;
import static io.mtapi.harness.reference.ReferenceTargetTest.newTenant;
import static io.mtapi.harness.reference.ReferenceTargetTest.newUser;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The race faults open their window deterministically: the second of two competing requests is sent
 * well after the first (far later than any burst of the suites would spread on a loaded machine), and
 * the race still happens, every time. A request nobody competes with waits the bound and goes on; the
 * correct code paths have no window at all.
 */
@Tag("selftest")
@DisplayName("Race windows of the reference's race faults")
class RaceWindowTest {

    /** Far more than a burst's spread, far less than the window's bound. */
    private static final Duration STAGGER = Duration.ofMillis(400);

    @Test
    @DisplayName("CONCURRENCY_LOST_UPDATE: two PUTs sent 400 ms apart both answer 200 and one change is lost")
    void lostUpdateHappensWhateverTheTiming() {
        try (ReferenceTarget faulty = start(Fault.CONCURRENCY_LOST_UPDATE)) {
            var tenant = newTenant(faulty);
            JsonNode user = call(faulty, "POST", "/api/v1/users", tenant.access(), newUser("user")).json();
            String path = "/api/v1/users/" + user.get("id").asText();

            List<ReferenceTargetTest.Res> answers = staggered(
                    () -> call(faulty, "PUT", path, tenant.access(), Map.of("full_name", "Renamed")),
                    () -> call(faulty, "PUT", path, tenant.access(), Map.of("email", "moved-" + user.get("email").asText())));

            assertThat(answers).extracting(ReferenceTargetTest.Res::status).containsExactly(200, 200);
            JsonNode after = call(faulty, "GET", path, tenant.access(), null).json();
            boolean bothKept = after.get("full_name").asText().equals("Renamed")
                    && after.get("email").asText().startsWith("moved-");
            assertThat(bothKept).as("both concurrent changes kept despite the lost-update fault: %s", after).isFalse();
            assertThat(faulty.races()).isEqualTo(new ReferenceTarget.RaceCount(2, 1));
        }
    }

    @Test
    @DisplayName("CONCURRENCY_USERNAME_CHECK_NOT_ATOMIC: one username sent twice, 400 ms apart, is created twice")
    void duplicateUsernameRaceHappensWhateverTheTiming() {
        try (ReferenceTarget faulty = start(Fault.CONCURRENCY_USERNAME_CHECK_NOT_ATOMIC)) {
            var tenant = newTenant(faulty);
            Map<String, Object> same = newUser("user");

            List<ReferenceTargetTest.Res> answers = staggered(
                    () -> call(faulty, "POST", "/api/v1/users", tenant.access(), same),
                    () -> call(faulty, "POST", "/api/v1/users", tenant.access(),
                            Map.of("username", same.get("username"), "email", "other-" + same.get("email"),
                                    "full_name", "Twin", "role", "user")));

            assertThat(answers).extracting(ReferenceTargetTest.Res::status).containsExactly(201, 201);
            assertThat(faulty.races().met()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("CONCURRENCY_BULK_NOT_ATOMIC: of two bulks sharing a username, sent 400 ms apart, the loser leaves users behind")
    void bulkRaceHappensWhateverTheTiming() {
        try (ReferenceTarget faulty = start(Fault.CONCURRENCY_BULK_NOT_ATOMIC)) {
            var first = newTenant(faulty);
            var second = newTenant(faulty);
            Map<String, Object> contested = newUser("user");

            List<ReferenceTargetTest.Res> answers = staggered(
                    () -> call(faulty, "POST", "/api/v1/users/bulk", first.access(), List.of(newUser("user"), contested)),
                    () -> call(faulty, "POST", "/api/v1/users/bulk", second.access(), List.of(newUser("user"),
                            Map.of("username", contested.get("username"), "email", "other-" + contested.get("email"),
                                    "full_name", "Twin", "role", "user"))));

            assertThat(answers).extracting(ReferenceTargetTest.Res::status).containsExactlyInAnyOrder(201, 409);
            var loser = answers.get(0).status() == 409 ? first : second;
            JsonNode listed = call(faulty, "GET", "/api/v1/users", loser.access(), null).json();
            assertThat(listed.get("total_count").asInt()).as("users of the refused bulk's tenant: its admin and the "
                    + "bulk's first user, left created").isEqualTo(2);
            assertThat(faulty.races().met()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("CONCURRENCY_UPLOAD_SHARED_BUFFER: of two uploads sent 400 ms apart, one stores the other's bytes")
    void sharedBufferRaceHappensWhateverTheTiming() {
        try (ReferenceTarget faulty = start(Fault.CONCURRENCY_UPLOAD_SHARED_BUFFER)) {
            var tenant = newTenant(faulty);
            byte[] one = "first file's bytes".getBytes(StandardCharsets.UTF_8);
            byte[] two = "second file's bytes".getBytes(StandardCharsets.UTF_8);

            List<ReferenceTargetTest.Res> answers = staggered(
                    () -> ReferenceTargetTest.upload(faulty, tenant.access(), "one.txt", "text/plain", one),
                    () -> ReferenceTargetTest.upload(faulty, tenant.access(), "two.txt", "text/plain", two));

            List<Boolean> intact = new ArrayList<>();
            List<byte[]> sent = List.of(one, two);
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).status()).isEqualTo(201);
                var download = call(faulty, "GET", "/api/v1/files/" + answers.get(i).json().get("id").asText(),
                        tenant.access(), null);
                intact.add(java.util.Arrays.equals(download.raw().body(), sent.get(i)));
            }
            // Whichever reached the buffer first (a loaded machine may reorder the two) waited there while the
            // other overwrote it, and stored the other's bytes; the last one in stored its own.
            assertThat(intact).as("uploads stored intact, of two sharing one buffer").containsExactlyInAnyOrder(true, false);
            assertThat(faulty.races().met()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("A faulty step nobody competes with waits the bound once and goes on; correct paths have no window")
    void anUncontestedStepWaitsTheBoundAndCorrectPathsNone() {
        try (ReferenceTarget faulty = start(Fault.CONCURRENCY_LOST_UPDATE);
             ReferenceTarget correct = ReferenceTarget.start(ReferenceSettings.defaults())) {
            for (ReferenceTarget target : List.of(faulty, correct)) {
                var tenant = newTenant(target);
                JsonNode user = call(target, "POST", "/api/v1/users", tenant.access(), newUser("user")).json();
                long start = System.nanoTime();
                var answer = call(target, "PUT", "/api/v1/users/" + user.get("id").asText(), tenant.access(),
                        Map.of("full_name", "Alone"));
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(answer.status()).isEqualTo(200);
                if (target == faulty) {
                    assertThat(took).as("an uncontested faulty PUT").isGreaterThanOrEqualTo(RaceWindow.BOUND);
                }
            }
            assertThat(faulty.races()).isEqualTo(new ReferenceTarget.RaceCount(1, 0));
            assertThat(correct.races()).isEqualTo(new ReferenceTarget.RaceCount(0, 0));
        }
    }

    private static ReferenceTarget start(Fault fault) {
        return ReferenceTarget.start(ReferenceSettings.defaults().withFaults(EnumSet.of(fault)));
    }

    /** The first call now, the second {@link #STAGGER} later; both answers, in that order. */
    private static List<ReferenceTargetTest.Res> staggered(Supplier<ReferenceTargetTest.Res> first,
                                                           Supplier<ReferenceTargetTest.Res> second) {
        CompletableFuture<ReferenceTargetTest.Res> one = CompletableFuture.supplyAsync(first);
        CompletableFuture<ReferenceTargetTest.Res> two = CompletableFuture.supplyAsync(second,
                CompletableFuture.delayedExecutor(STAGGER.toMillis(), TimeUnit.MILLISECONDS));
        return List.of(one.join(), two.join());
    }
}
