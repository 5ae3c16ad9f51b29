package io.mtapi.harness.suites.ratelimit;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.Caller;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.mtapi.harness.suites.ratelimit.RateLimits.Window;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.function.Function;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.suites.ratelimit.RateLimits.budget;
import static io.mtapi.harness.suites.ratelimit.RateLimits.refusedAfterBudget;
import static io.mtapi.harness.suites.ratelimit.RateLimits.spendBudget;
import static io.mtapi.harness.suites.ratelimit.RateLimits.fileOf;

/**
 * CONTRACT.md section 7, the budget. The rate-limit suite is the only one that meets the
 * limit on purpose: its callers are unpaced, and every test spends a budget of its own (a
 * user, method and concrete path no other test touches), so tests neither disturb each other
 * nor any other suite. The concrete paths are mostly files each test uploads: an upload costs
 * the target no password hash, a user made to be read would.
 *
 * <p>The tests of this class run one after another ({@code @ResourceLock}), each spending its
 * budget in one burst, so that a budget fits in a window even on a busy machine; the class
 * itself runs alongside the others, and is ordered first.
 */
@ContractTest
@Tag(Tags.RATE_LIMIT)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Rate limiting")
@DisplayName("Rate limiting: budgets")
@Order(1)
@ResourceLock("rate-limit-budget-bursts")
class RateLimitBudgetTest {

    @Test
    @Story("Budget")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Every call up to the budget succeeds, the next one answers 429")
    @Covers({"§7 rate limit budget per user, method and concrete path", "§7 429 once the budget is spent",
            "OWASP API4:2023 Unrestricted resource consumption"})
    void callsUpToTheBudgetSucceedAndTheNextIsRefused(Tenant tenant, ApiTarget target) {
        FileMetadata subject = fileOf(tenant);
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/files/{id}", i -> admin.files().download(subject.id()));
        ApiResponse next = admin.files().download(subject.id());

        window.assumeJudgeable(next);
        assertThat(next).as("call %d of GET /api/v1/files/{id} in one window (budget %d): the contract refuses it",
                budget(target) + 1, budget(target)).hasStatus(429);
    }

    @Test
    @Story("Refusal")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The refused call carries detail, X-RateLimit-Limit = budget, X-RateLimit-Remaining: 0 and "
            + "X-RateLimit-Reset within the window")
    @Covers({"§7 429 with detail and X-RateLimit-Limit, X-RateLimit-Remaining: 0, X-RateLimit-Reset"})
    void refusalCarriesDetailAndRateLimitHeaders(Tenant tenant, ApiTarget target) {
        FileMetadata subject = fileOf(tenant);
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/files/{id}", i -> admin.files().download(subject.id()));
        refusedAfterBudget(target, window, () -> admin.files().download(subject.id()));
    }

    @Test
    @Story("Budget per user")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Another user of the same tenant keeps its own budget while the first is limited")
    @Covers({"§7 another user, even in the same tenant, has its own budget"})
    void anotherUserOfTheTenantIsUnaffected(Tenant tenant, Member member, ApiTarget target) {
        FileMetadata subject = fileOf(tenant);
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/files/{id} as the admin", i -> admin.files().download(subject.id()));
        ApiResponse refused = admin.files().download(subject.id());
        window.assumeJudgeable(refused);
        assertThat(refused).as("the admin's call after its budget").isTooManyRequests(budget(target));

        assertThat(member.unpaced().files().download(subject.id()))
                .as("a member of the same tenant on the same call while the admin is limited: its budget is its own")
                .isOk();
    }

    @Test
    @Story("Budget per user")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("The budget belongs to the user, not to the token: a fresh login does not buy a fresh budget")
    @Covers({"§7 budget per user"})
    void freshTokenOfTheSameUserSharesTheBudget(Tenant tenant, ApiTarget target) {
        FileMetadata subject = fileOf(tenant);
        Caller admin = tenant.admin().unpaced();
        TokenPair secondLogin = target.login(tenant.admin().account().username(), tenant.admin().account().password());
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/files/{id} with the first token", i -> admin.files().download(subject.id()));
        ApiResponse withSecondToken = tenant.adminWithToken(secondLogin.accessToken()).unpaced().files().download(subject.id());

        window.assumeJudgeable(withSecondToken);
        assertThat(withSecondToken).as("the same admin with a token from a second login, after its budget is spent")
                .hasStatus(429);
    }

    @Test
    @Story("Budget per method and path")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("The budget is per concrete path: GET /api/v1/users/b is unaffected when /api/v1/users/a is limited")
    @Covers({"§7 GET /api/v1/users/a and GET /api/v1/users/b are separate budgets"})
    void anotherConcretePathIsUnaffected(Tenant tenant, Member member, ApiTarget target) {
        // Two users that exist anyway, read by the admin on no other test's budget: the member (a) and the admin (b).
        String a = member.account().userId();
        String b = tenant.admin().account().userId();
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/users/a", i -> admin.users().get(a));
        ApiResponse refused = admin.users().get(a);
        window.assumeJudgeable(refused);
        assertThat(refused).as("GET /api/v1/users/a after its budget").isTooManyRequests(budget(target));

        assertThat(admin.users().get(b))
                .as("GET /api/v1/users/b by the same user while /api/v1/users/a is limited").isOk();
    }

    @Test
    @Story("Budget per method and path")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("The budget is per method: DELETE on a path is unaffected when GET on it is limited")
    @Covers({"§7 budget per method + concrete path"})
    void anotherMethodOnThePathIsUnaffected(Tenant tenant, ApiTarget target) {
        FileMetadata subject = fileOf(tenant);
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/files/{id}", i -> admin.files().download(subject.id()));
        ApiResponse refused = admin.files().download(subject.id());
        window.assumeJudgeable(refused);
        assertThat(refused).as("GET /api/v1/files/{id} after its budget").isTooManyRequests(budget(target));

        assertThat(admin.files().delete(subject.id()))
                .as("DELETE /api/v1/files/{id} by the same user while GET on that path is limited").isNoContent();
    }

    @Test
    @Story("Budget per method and path")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Query strings do not count: GET /api/v1/users?page=1 and ?page=2 share one budget")
    @Covers({"§7 query strings do not count"})
    void queryStringsShareTheBudgetOfThePath(Tenant tenant, ApiTarget target) {
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, "GET /api/v1/users?page=1 and ?page=2 alternately",
                i -> admin.users().list(Map.of("page", 1 + i % 2)));
        ApiResponse withNewQuery = admin.users().list(Map.of("page", 3));

        window.assumeJudgeable(withNewQuery);
        assertThat(withNewQuery).as("GET /api/v1/users?page=3 after the budget of GET /api/v1/users is spent")
                .hasStatus(429);
    }

    /** Authenticated endpoints outside /api/v1/users, each its own method and path. */
    enum OtherEndpoint {
        FILE_LISTING("GET /api/v1/files", caller -> caller.files().list()),
        ADMIN_STATS("GET /api/v1/admin/stats", caller -> caller.administration().stats());

        private final String call;
        private final Function<Caller, ApiResponse> send;

        OtherEndpoint(String call, Function<Caller, ApiResponse> send) {
            this.call = call;
            this.send = send;
        }

        @Override
        public String toString() {
            return call;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OtherEndpoint.class)
    @Story("Budget")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("Every authenticated /api/v1 call counts against a budget, not only /api/v1/users")
    @Covers({"§7 every authenticated /api/v1 call counts against a budget", "OWASP API4:2023 Unrestricted resource consumption"})
    void everyAuthenticatedCallIsLimited(OtherEndpoint endpoint, Tenant tenant, ApiTarget target) {
        Caller admin = tenant.admin().unpaced();
        Window window = Window.open(target);

        spendBudget(target, endpoint.call, i -> endpoint.send.apply(admin));
        ApiResponse next = endpoint.send.apply(admin);

        window.assumeJudgeable(next);
        assertThat(next).as("call %d of %s in one window (budget %d)", budget(target) + 1, endpoint, budget(target))
                .isTooManyRequests(budget(target));
    }
}
