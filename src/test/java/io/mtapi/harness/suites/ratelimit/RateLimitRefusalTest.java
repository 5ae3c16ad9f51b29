package io.mtapi.harness.suites.ratelimit;

import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.suites.ratelimit.RateLimits.awaitMoment;
import static io.mtapi.harness.suites.ratelimit.RateLimits.budget;
import static io.mtapi.harness.suites.ratelimit.RateLimits.window;

/**
 * CONTRACT.md section 7, the reset. These tests wait for the moment the target names in
 * X-RateLimit-Reset: a few seconds on the embedded target, a minute on a deployment. The class
 * is ordered first and its tests run concurrently, so that waiting (I/O, not CPU) overlaps the
 * rest of the run. Each reset test is a class of its own: classes are what the run starts
 * first, and two waits of a minute side by side cost one minute, not two.
 */
@ContractTest
@Tag(Tags.RATE_LIMIT)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Rate limiting")
@DisplayName("Rate limiting: refused calls")
@Order(1)
class RateLimitRefusalTest {

    @Test
    @Story("Reset")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A refused call does not consume budget: a budget of refused retries does not hold the call past the reset")
    @Covers({"§7 after X-RateLimit-Reset the same call succeeds again", "§7 429"})
    void refusedCallsDoNotConsumeBudget(Tenant tenant, ApiTarget target) {
        RateLimits.Limited limited = RateLimits.Limited.by(tenant, target);
        Instant reset = limited.reset();
        // Retries stamped after (reset - window) are still inside the window at the reset: if refused
        // calls were counted, a budget of them would keep the call refused then. Before the oldest
        // admitted call leaves the window, a correct target refuses them without counting them.
        awaitMoment(reset.minus(window(target)).plusMillis(100), target);
        List<ApiResponse> retries = Concurrently.times(budget(target), i -> limited.call());
        retries.forEach(retry -> assertThat(retry.status())
                .as("a retry while limited, before X-RateLimit-Reset (%s): refused, or admitted if a slot freed\n  %s",
                        reset, retry.describe())
                .isIn(200, 429));
        Assumptions.assumeTrue(retries.stream().allMatch(retry -> retry.status() == 429), () -> "Not judged: a slot "
                + "freed before the retries arrived (the target is too slow for this check), so they were admitted");
        awaitMoment(reset, target);

        assertThat(limited.call())
                .as("the call once X-RateLimit-Reset (%s) has passed, after %d refused retries: a 429 consumes no budget",
                        reset, retries.size())
                .isOk();
    }
}
