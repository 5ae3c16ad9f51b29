package io.mtapi.harness.api;

import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.http.RateLimitPacer;
import io.mtapi.harness.http.Retries;
import io.mtapi.harness.http.Specs;
import io.mtapi.harness.reference.Fault;
import io.mtapi.harness.reference.Flakiness.Drop;
import io.mtapi.harness.reference.ReferenceSettings;
import io.mtapi.harness.reference.ReferenceTarget;
import io.mtapi.harness.tokens.Jwt;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The recovery decisions, one forced drop at a time against a fault-free reference target:
 * a call the target applied before its answer was lost is adopted (the target's representation,
 * the success status, under clean-up), one it did not apply is re-sent, and what existed before
 * the lost call (a duplicate's first user, a registered account, a spent token) never passes
 * for its effect. Without recoveries, these tests fail: the lost answers would abort them or
 * re-sends would meet 409s.
 */
@Tag("selftest")
@Execution(ExecutionMode.SAME_THREAD) // a forced drop hits the next request to its call, whichever test sends it
@DisplayName("Recovery of calls whose answer was lost")
class RecoveriesTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private static ReferenceTarget target;

    private Specs specs;
    private Retries retries;
    private Receipts receipts;
    private TrackedResources tracker;
    private AuthApi auth;
    private Registration registration;
    private String accessToken;
    private UsersApi users;
    private FilesApi files;

    @BeforeAll
    static void start() {
        target = ReferenceTarget.start(ReferenceSettings.defaults().withRateLimit(1000, WINDOW));
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @BeforeEach
    void registerTenant() {
        retries = new Retries(4, Duration.ofMillis(10), Duration.ofMillis(50));
        receipts = new Receipts();
        tracker = new TrackedResources();
        specs = new Specs(URI.create(target.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                List.of(retries, receipts), new RateLimitPacer(1000, WINDOW));
        auth = new AuthApi(specs.anonymous());
        registration = Tenants.registration();
        assertThat(auth.register(registration)).isCreated();
        accessToken = auth.login(registration.adminUsername(), registration.adminPassword())
                .as(TokenPair.class).accessToken();
        users = new UsersApi(specs.bearer(accessToken), tracker);
        files = new FilesApi(specs.bearer(accessToken), tracker);
    }

    /** The call's answer. A lost answer that aborts the test fails it here: settling lost answers is the subject. */
    private static ApiResponse settled(Supplier<ApiResponse> call) {
        try {
            return call.get();
        } catch (TestAbortedException e) {
            throw new AssertionError("The lost answer was not settled by a recovery: " + e.getMessage(), e);
        }
    }

    private long usersNamed(String username) {
        return users.list(Map.of("page_size", 100)).json().path("data").findValuesAsText("username").stream()
                .filter(username::equals).count();
    }

    @Test
    @DisplayName("A user created before the answer was lost is adopted: 201, the target's representation, tracked")
    void createdUserIsAdopted() {
        NewUser alice = Users.valid();
        target.dropNext("POST", "/api/v1/users", Drop.AFTER_PROCESSING);

        ApiResponse created = settled(() -> users.create(alice));

        assertThat(created).isCreated();
        assertThat(created.recovered()).as("marked recovered").isTrue();
        assertThat(created.json().path("username").asText()).isEqualTo(alice.username());
        assertThat(tracker.users).as("tracked for clean-up").containsExactly(created.json().path("id").asText());
        assertThat(usersNamed(alice.username())).as("users named %s on the target", alice.username()).isEqualTo(1);
        assertThat(retries.adoptedPosts()).isEqualTo(1);
    }

    @Test
    @DisplayName("A user not created before the connection dropped is re-sent: one real 201")
    void uncreatedUserIsSentAgain() {
        NewUser bob = Users.valid();
        target.dropNext("POST", "/api/v1/users", Drop.BEFORE_PROCESSING);

        ApiResponse created = settled(() -> users.create(bob));

        assertThat(created).isCreated();
        assertThat(created.recovered()).as("a real answer, not a recovered one").isFalse();
        assertThat(usersNamed(bob.username())).isEqualTo(1);
        assertThat(retries.recoveredPosts()).isEqualTo(1);
        assertThat(retries.adoptedPosts()).isZero();
    }

    @ParameterizedTest(name = "dropped {0}")
    @EnumSource(Drop.class)
    @DisplayName("A duplicate username whose answer was lost still meets its 409: the existing user is not adopted")
    void duplicateIsNotMistakenForTheLostCreation(Drop when) {
        NewUser first = Users.valid();
        assertThat(users.create(first)).isCreated();
        target.dropNext("POST", "/api/v1/users", when);

        ApiResponse duplicate = settled(() -> users.create(Users.valid().withUsername(first.username())));

        assertThat(duplicate).hasStatus(409);
        assertThat(duplicate.recovered()).isFalse();
    }

    @Test
    @DisplayName("A bulk creation applied before the answer was lost is adopted, every user in order")
    void bulkIsAdopted() {
        List<NewUser> two = Users.valid(2);
        target.dropNext("POST", "/api/v1/users/bulk", Drop.AFTER_PROCESSING);

        ApiResponse created = settled(() -> users.bulkCreate(two));

        assertThat(created).isCreated();
        assertThat(created.recovered()).isTrue();
        assertThat(created.json().findValuesAsText("username")).containsExactly(two.get(0).username(), two.get(1).username());
        assertThat(tracker.users).hasSize(2);
    }

    @ParameterizedTest(name = "dropped {0}")
    @EnumSource(Drop.class)
    @DisplayName("An upload whose answer was lost ends with exactly one stored file, tracked")
    void uploadIsAdoptedOrSentAgain(Drop when) {
        var sample = SampleFiles.text();
        target.dropNext("POST", "/api/v1/files/upload", when);

        ApiResponse uploaded = settled(() -> files.upload(sample));

        assertThat(uploaded).isCreated();
        assertThat(uploaded.recovered()).as("recovered (adopted) exactly when the target had stored it")
                .isEqualTo(when == Drop.AFTER_PROCESSING);
        assertThat(files.list(Map.of("page_size", 100)).json().path("data").findValuesAsText("filename"))
                .as("stored files named %s", sample.filename()).containsOnlyOnce(sample.filename());
        assertThat(tracker.files).containsExactly(uploaded.json().path("id").asText());
    }

    @Test
    @DisplayName("A registration applied before the answer was lost is adopted: ids from the admin's token")
    void registrationIsAdopted() {
        Registration fresh = Tenants.registration();
        target.dropNext("POST", "/auth/register", Drop.AFTER_PROCESSING);

        ApiResponse registered = settled(() -> auth.register(fresh));

        assertThat(registered).isCreated();
        assertThat(registered.recovered()).isTrue();
        Map<String, Object> claims = Jwt.claims(auth.login(fresh.adminUsername(), fresh.adminPassword())
                .as(TokenPair.class).accessToken());
        assertThat(registered.json().path("admin_user_id").asText()).isEqualTo(claims.get("user_id"));
        assertThat(registered.json().path("tenant_id").asText()).isEqualTo(claims.get("tenant_id"));
    }

    @Test
    @DisplayName("A duplicate registration reusing the password still meets its 409: the earlier account is not adopted")
    void duplicateRegistrationIsNotMistakenForTheLostOne() {
        target.dropNext("POST", "/auth/register", Drop.AFTER_PROCESSING);

        ApiResponse duplicate = settled(() -> auth.register(new Registration(Tenants.tenantName(), Users.email(),
                registration.adminUsername(), registration.adminPassword())));

        assertThat(duplicate).hasStatus(409);
        assertThat(duplicate.recovered()).isFalse();
    }

    @Test
    @DisplayName("A logout applied before the answer was lost is adopted: 200, and the token is refused")
    void logoutIsAdopted() {
        String session = auth.login(registration.adminUsername(), registration.adminPassword()).as(TokenPair.class).accessToken();
        target.dropNext("POST", "/auth/logout", Drop.AFTER_PROCESSING);

        ApiResponse logout = settled(() -> new SessionApi(specs.bearer(session)).logout());

        assertThat(logout).isOk();
        assertThat(logout.recovered()).isTrue();
        assertThat(new UsersApi(specs.bearer(session), tracker).list()).isUnauthorized();
    }

    @ParameterizedTest(name = "dropped {0}")
    @EnumSource(Drop.class)
    @DisplayName("A logout with a token that never worked still meets its 401 after a lost answer")
    void logoutWithForgedTokenIsNotAdopted(Drop when) {
        target.dropNext("POST", "/auth/logout", when);

        ApiResponse logout = settled(() -> new SessionApi(specs.bearer(Jwt.withBrokenSignature(accessToken))).logout());

        assertThat(logout).isUnauthorized();
        assertThat(logout.recovered()).isFalse();
    }

    @Test
    @DisplayName("A refresh whose rotation happened before the answer was lost aborts the test: the new pair is lost")
    void lostRotationAborts() {
        String refresh = auth.login(registration.adminUsername(), registration.adminPassword()).as(TokenPair.class).refreshToken();
        target.dropNext("POST", "/auth/refresh", Drop.AFTER_PROCESSING);

        assertThatThrownBy(() -> auth.refresh(refresh)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("POST /auth/refresh").hasMessageContaining("already rotated the refresh token");
        assertThat(retries.lostAnswers()).isEqualTo(1);
    }

    @Test
    @DisplayName("A refresh dropped before processing is re-sent and answered")
    void refreshNotProcessedIsSentAgain() {
        String refresh = auth.login(registration.adminUsername(), registration.adminPassword()).as(TokenPair.class).refreshToken();
        target.dropNext("POST", "/auth/refresh", Drop.BEFORE_PROCESSING);

        assertThat(settled(() -> auth.refresh(refresh))).isOk();
    }

    @Test
    @DisplayName("A login whose answer was lost is simply re-sent")
    void loginIsSentAgain() {
        target.dropNext("POST", "/auth/login", Drop.AFTER_PROCESSING);

        ApiResponse login = settled(() -> auth.login(registration.adminUsername(), registration.adminPassword()));

        assertThat(login).isOk();
        assertThat(login.recovered()).isFalse();
    }

    @Test
    @DisplayName("A POST without a recovery is never re-sent: its lost answer aborts the test")
    void postWithoutRecoveryIsNotSentAgain() {
        NewUser probe = Users.valid();
        RequestSpecification admin = specs.bearer(accessToken);
        target.dropNext("POST", "/api/v1/users", Drop.BEFORE_PROCESSING);

        assertThatThrownBy(() -> new RawApi(admin).send("POST", "/api/v1/users",
                r -> r.contentType("application/json").body(Json.write(probe))))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("no recovery");
        assertThat(usersNamed(probe.username())).as("users created by the probe that was dropped before processing")
                .isZero();
    }

    @ParameterizedTest(name = "dropped {0}")
    @EnumSource(Drop.class)
    @DisplayName("A 429 a lost attempt may have caused (counted, then re-sent) aborts the test; one after a full budget of answers stands")
    void budgetSpentByALostAttemptAbortsOnlyAnUnexplainedRefusal(Drop when) {
        int budget = 3;
        try (ReferenceTarget strict = ReferenceTarget.start(ReferenceSettings.defaults().withRateLimit(budget, WINDOW))) {
            Retries strictRetries = new Retries(4, Duration.ofMillis(10), Duration.ofMillis(50), budget, WINDOW);
            Specs strictSpecs = new Specs(URI.create(strict.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                    List.of(strictRetries, receipts), new RateLimitPacer(budget, WINDOW));
            AuthApi strictAuth = new AuthApi(strictSpecs.anonymous());
            Registration owner = Tenants.registration();
            assertThat(strictAuth.register(owner)).isCreated();
            String token = strictAuth.login(owner.adminUsername(), owner.adminPassword()).as(TokenPair.class).accessToken();
            String me = String.valueOf(Jwt.claims(token).get("user_id"));
            UsersApi unpaced = new UsersApi(strictSpecs.bearerUnpaced(token), tracker);
            strict.dropNext("GET", "/api/v1/users/" + me, when);

            assertThat(unpaced.get(me)).as("call 1, whose first attempt lost its answer, re-sent").isOk();
            assertThat(unpaced.get(me)).as("call 2").isOk();
            if (when == Drop.AFTER_PROCESSING) {
                // The target counted the lost attempt too: call 3 meets the limit that the test did not spend.
                assertThatThrownBy(() -> unpaced.get(me)).as("call 3 of a budget of %d", budget)
                        .isInstanceOf(TestAbortedException.class).hasMessageContaining("429")
                        .hasMessageContaining("spent behind the test's back");
            } else {
                assertThat(unpaced.get(me)).as("call 3 of a budget of %d (the lost attempt was not counted)", budget).isOk();
                assertThat(settled(() -> unpaced.get(me))).as("call 4: the answered calls fill the budget, so its 429 is the "
                        + "target's verdict, lost attempt or not").hasStatus(429);
            }
        }
    }

    @Test
    @DisplayName("An answer lost while the budget was full spent nothing on a target that keeps the contract: a later 429 stands")
    void answerLostWhileTheBudgetWasFullIsNoExcuse() {
        // The refused calls land mid-window: seconds after the first three (which they must outlive) and
        // seconds before those leave the window (while they still count), so a loaded machine's slow
        // calls keep both margins.
        Duration window = Duration.ofSeconds(8);
        ReferenceSettings refusalsCount = ReferenceSettings.defaults().withRateLimit(3, window)
                .withFaults(Set.of(Fault.RATE_LIMIT_REFUSED_CALLS_COUNT));
        try (ReferenceTarget strict = ReferenceTarget.start(refusalsCount)) {
            Specs strictSpecs = new Specs(URI.create(strict.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                    List.of(new Retries(4, Duration.ofMillis(10), Duration.ofMillis(50), 3, window), receipts),
                    new RateLimitPacer(3, window));
            AuthApi strictAuth = new AuthApi(strictSpecs.anonymous());
            Registration owner = Tenants.registration();
            assertThat(strictAuth.register(owner)).isCreated();
            String token = strictAuth.login(owner.adminUsername(), owner.adminPassword()).as(TokenPair.class).accessToken();
            UsersApi unpaced = new UsersApi(strictSpecs.bearerUnpaced(token), tracker);
            Instant first = Instant.now();
            for (int i = 1; i <= 3; i++) {
                assertThat(unpaced.list()).as("listing %d of a budget of 3", i).isOk();
            }
            // Refused calls later in the window than the first three (counted from the first one's sending,
            // not from whenever the three ended), so that on this target (refusals count) they outlive them.
            Instant later = first.plus(window.dividedBy(2));
            await().atMost(window).until(() -> !Instant.now().isBefore(later));
            strict.dropNext("GET", "/api/v1/users", Drop.AFTER_PROCESSING);
            ApiResponse refused = settled(unpaced::list);
            assertThat(refused).as("the call after the budget, whose first answer was lost").hasStatus(429);
            assertThat(settled(unpaced::list)).as("one more call while limited").hasStatus(429);
            Instant reset = Instant.ofEpochSecond(Long.parseLong(refused.header("X-RateLimit-Reset")));
            await().atMost(window.plusSeconds(2)).until(() -> !Instant.now().isBefore(reset.plusSeconds(1)));

            assertThat(settled(unpaced::list)).as("the call after X-RateLimit-Reset on a target whose refusals count: "
                    + "the defect's 429, not an excuse to abort").hasStatus(429);
        }
    }

    @Test
    @DisplayName("A check that meets a spent rate-limit budget waits for its reset and still settles the lost answer")
    void checkOutlastsASpentBudget() {
        Duration window = Duration.ofSeconds(2);
        try (ReferenceTarget strict = ReferenceTarget.start(ReferenceSettings.defaults().withRateLimit(3, window))) {
            Specs strictSpecs = new Specs(URI.create(strict.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(10),
                    List.of(new Retries(4, Duration.ofMillis(10), Duration.ofMillis(50), 3, window), receipts),
                    new RateLimitPacer(3, window));
            AuthApi strictAuth = new AuthApi(strictSpecs.anonymous());
            Registration owner = Tenants.registration();
            assertThat(strictAuth.register(owner)).isCreated();
            String token = strictAuth.login(owner.adminUsername(), owner.adminPassword()).as(TokenPair.class).accessToken();
            UsersApi unpaced = new UsersApi(strictSpecs.bearerUnpaced(token), tracker);
            for (int i = 1; i <= 3; i++) {
                assertThat(unpaced.list()).as("listing %d of 3, spending the budget the check will need", i).isOk();
            }
            NewUser carol = Users.valid();
            strict.dropNext("POST", "/api/v1/users", Drop.AFTER_PROCESSING);

            ApiResponse created = settled(() -> new UsersApi(strictSpecs.bearer(token), tracker).create(carol));

            assertThat(created).isCreated();
            assertThat(created.recovered()).as("adopted once the listing answered after the reset").isTrue();
        }
    }

    @Test
    @DisplayName("A file deletion applied before the answer was lost is adopted: 204, not the re-send's 404")
    void fileDeletionIsAdopted() {
        FileMetadata file = files.uploaded(SampleFiles.text());
        target.dropNext("DELETE", "/api/v1/files/" + file.id(), Drop.AFTER_PROCESSING);

        ApiResponse deleted = settled(() -> files.delete(file.id()));

        assertThat(deleted).isNoContent();
        assertThat(deleted.recovered()).isTrue();
        assertThat(tracker.files).isEmpty();
    }

    @Test
    @DisplayName("An admin deactivating itself before the answer was lost gets its 204, not the re-send's 401")
    void selfDeactivationIsAdopted() {
        String adminId = String.valueOf(Jwt.claims(accessToken).get("user_id"));
        target.dropNext("DELETE", "/api/v1/users/" + adminId, Drop.AFTER_PROCESSING);

        ApiResponse deleted = settled(() -> users.delete(adminId));

        assertThat(deleted).isNoContent();
        assertThat(deleted.recovered()).isTrue();
    }
}
