package io.mtapi.harness.suites.security;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.NewUser;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.ContractGap;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Every limit the API has (page size, bulk size, upload size, request rate) holds far past its
 * edge, and a limit it should have (the size of a JSON body) exists: a huge body is refused with
 * a 4xx before it is parsed, hashed or stored, never answered with a 5xx.
 */
@ContractTest
@CallsPerBudget(5) // GET /api/v1/users: three page sizes and two one-page walks of the tenant's users
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API4:2023 Unrestricted Resource Consumption")
@DisplayName("API4:2023 Unrestricted Resource Consumption")
class UnrestrictedResourceConsumptionTest {

    private static final int HUGE_BODY_BYTES = 5 * 1024 * 1024;
    private static final int HUGE_BULK = 1000;

    @ParameterizedTest(name = "page_size={0}")
    @ValueSource(strings = {"1000000", "2147483648", "99999999999999999999"})
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API4:2023 Unrestricted Resource Consumption — a page_size far above the maximum (up to integer "
            + "overflow) is refused (422) or clamped to the maximum, never served")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§4 page_size at most 100; 422 or clamp"})
    void hugePageSizeIsRefusedOrClamped(String pageSize, ApiTarget target, Tenant tenant) {
        int max = target.config().maxPageSize();

        ApiResponse response = tenant.users().list(Map.of("page_size", pageSize));

        assertThat(response.status()).as("GET /api/v1/users?page_size=%s: 422, or 200 clamped to %d%n  %s",
                pageSize, max, response.describe()).isIn(200, 422);
        if (response.status() == 422) {
            assertThat(response).as("GET /api/v1/users?page_size=%s, refused", pageSize).isValidationError();
        } else {
            // Read as a number of any size: a target that serves the request echoes 2147483648, more than an int holds.
            java.math.BigInteger reported = response.json().path("page_size").bigIntegerValue();
            assertThat(reported).as("page_size %s served against a maximum of %d: a clamping target reports the "
                    + "maximum", pageSize, max).isLessThanOrEqualTo(java.math.BigInteger.valueOf(max));
            assertThat(response.json().path("data").size()).as("users served for page_size=%s, against a maximum of %d",
                    pageSize, max).isLessThanOrEqualTo(max);
        }
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API4:2023 Unrestricted Resource Consumption — a bulk of 1000 users is refused (400) and "
            + "creates none of them")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§3 POST /api/v1/users/bulk 400 more than 50 items"})
    void hugeBulkIsRefusedWhole(ApiTarget target, Tenant tenant) {
        List<NewUser> bulk = Users.valid(HUGE_BULK);

        ApiResponse response = tenant.users().bulkCreate(bulk);

        assertThat(response).as("POST /api/v1/users/bulk with %d users (the contract's maximum is 50)", HUGE_BULK)
                .hasStatus(400);
        Set<String> usernames = usernames(tenant, target.config().maxPageSize());
        assertThat(bulk).as("users of the refused bulk found in the tenant's listing: none")
                .extracting(NewUser::username).noneMatch(usernames::contains);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API4:2023 Unrestricted Resource Consumption — an upload one byte over the size limit is "
            + "refused (413) and stores nothing")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§5 POST /api/v1/files/upload 413"})
    void uploadOverTheLimitStoresNothing(ApiTarget target, Tenant tenant) {
        SampleFile tooLarge = SampleFiles.ofSize(target.config().maxFileBytes() + 1, "text/plain");

        ApiResponse response = tenant.files().upload(tooLarge);

        assertThat(response).as("upload of %d bytes (limit %d)", target.config().maxFileBytes() + 1,
                target.config().maxFileBytes()).hasStatus(413);
        List<FileMetadata> files = tenant.files().list(Map.of("page_size", target.config().maxPageSize()))
                .as(new TypeReference<Page<FileMetadata>>() { }).data();
        assertThat(files).as("the tenant's files after the refused upload: not the one over the limit")
                .extracting(FileMetadata::filename).doesNotContain(tooLarge.filename());
    }

    /** JSON calls that take a body, each padded to 5 MB in the field where size hurts most. */
    enum HugeBody {
        LOGIN_WITH_HUGE_PASSWORD,
        CREATE_USER_WITH_HUGE_NAME,
        UPDATE_USER_WITH_HUGE_NAME
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HugeBody.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API4:2023 Unrestricted Resource Consumption — a 5 MB JSON body is refused with a 4xx (413 or "
            + "422; 401 for a login), never a 5xx, and nothing of it is stored")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§2 422 invalid body", "§3 422 invalid body"})
    void hugeJsonBodyIsRefused(HugeBody variant, ApiTarget target, Tenant tenant) {
        String huge = "x".repeat(HUGE_BODY_BYTES);
        switch (variant) {
            case LOGIN_WITH_HUGE_PASSWORD -> assertRefused(
                    target.auth().login(tenant.admin().account().username(), huge), 400, 401, 413, 422);
            case CREATE_USER_WITH_HUGE_NAME -> {
                NewUser user = Users.valid();
                Map<String, Object> body = Users.asMap(user);
                body.put("full_name", huge);
                assertRefused(tenant.users().create(body), 400, 413, 422);
                assertThat(usernames(tenant, target.config().maxPageSize())).as("the tenant's users after the refused 5 MB creation: not the new one")
                        .doesNotContain(user.username());
            }
            case UPDATE_USER_WITH_HUGE_NAME -> {
                User before = tenant.users().created(Users.valid());
                assertRefused(tenant.users().update(before.id(), Map.of("full_name", huge)), 400, 413, 422);
                assertThat(tenant.users().get(before.id()).as(User.class))
                        .as("the user after a refused 5 MB update: unchanged").isEqualTo(before);
            }
        }
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @ContractGap(value = "hugeRegistrationRefused", reason = "the contract sets a minimum for admin_password (8) but no "
            + "maximum, so a 5 MB password is valid input; a server that takes it hashes (with argon2 or PBKDF2: all of) "
            + "5 MB an attacker sent, and stores nothing it could not store from 72 bytes (OWASP API4:2023)")
    @DisplayName("API4:2023 Unrestricted Resource Consumption — a registration with a 5 MB admin_password is refused "
            + "with a 4xx (400, 413 or 422), never a 5xx, and registers nothing")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§2 POST /auth/register 422"})
    void registrationWithAHugePasswordIsRefused(ApiTarget target, Tenant tenant) {
        Registration registration = Tenants.registration();
        Map<String, Object> body = registrationBody(registration);
        body.put("admin_password", "x".repeat(HUGE_BODY_BYTES));

        assertRefused(target.auth().register(body), 400, 413, 422);

        assertThat(tenant.admin().administration().tenants().json().path("tenants").findValuesAsText("name"))
                .as("tenants after the refused 5 MB registration: not the one it named")
                .doesNotContain(registration.tenantName());
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API4:2023 Unrestricted Resource Consumption — /api/v1 has a rate limit: budget + 1 calls at "
            + "once on one path meet a 429")
    @Covers({"OWASP API4:2023 Unrestricted Resource Consumption", "§7 429 once a budget is spent"})
    void apiIsRateLimited(ApiTarget target, Tenant tenant) {
        Caller unpaced = tenant.admin().unpaced();
        String ownPath = UUID.randomUUID().toString(); // a concrete path no other call of this run uses
        int budget = target.config().rateLimitBudget();

        long start = System.nanoTime();
        List<Integer> statuses = atOnce(budget + 1, () -> unpaced.users().get(ownPath).status());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Retries on a flaky target can spread the burst: calls that left the window are no evidence either way.
        Assumptions.assumeTrue(statuses.contains(429) || took.compareTo(target.config().rateLimitWindow()) < 0,
                () -> "Not judged: the burst of " + (budget + 1) + " calls took " + took.toMillis() + " ms, longer than the "
                        + target.config().rateLimitWindow().toMillis() + " ms rate-limit window, so the first calls may "
                        + "have left it before the last arrived");
        assertThat(statuses).as("statuses of %d GET /api/v1/users/{id} sent at once by one user (budget %d per %s): "
                + "without a 429 the API serves any request rate", budget + 1, budget, target.config().rateLimitWindow())
                .contains(429);
    }

    /** {@code count} calls released together, so they land well inside one rate-limit window. */
    private static List<Integer> atOnce(int count, Callable<Integer> call) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the burst", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TestAbortedException lostAnswer) {
                throw lostAnswer; // a dropped connection the harness could not settle: no verdict either way
            }
            throw new AssertionError("a call of the burst failed: " + e, e);
        } catch (TimeoutException e) {
            throw new AssertionError("a call of the burst hung: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(ApiResponse response, Integer... allowed) {
        assertThat(response.status()).as("%s with a 5 MB body: a 4xx of %s (a 5xx means the server choked on it)%n  %s",
                response.request(), List.of(allowed), response.describe()).isIn((Object[]) allowed);
    }

    private static Map<String, Object> registrationBody(Registration registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_name", registration.tenantName());
        body.put("admin_email", registration.adminEmail());
        body.put("admin_username", registration.adminUsername());
        body.put("admin_password", registration.adminPassword());
        return body;
    }

    /** Every username in the tenant, inactive ones included, walking all pages. */
    private static Set<String> usernames(Tenant tenant, int pageSize) {
        Set<String> names = new HashSet<>();
        for (int page = 1; ; page++) {
            Page<User> current = tenant.users().list(Map.of("page", page, "page_size", pageSize, "active_only", false))
                    .as(new TypeReference<Page<User>>() { });
            current.data().forEach(user -> names.add(user.username()));
            if (!Boolean.TRUE.equals(current.hasNext())) {
                return names;
            }
        }
    }
}
