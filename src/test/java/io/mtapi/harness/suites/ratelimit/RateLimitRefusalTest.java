package io.mtapi.harness.suites.ratelimit;

import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.HeadStart;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.suites.ratelimit.RateLimits.WHOLE_SECOND;
import static io.mtapi.harness.suites.ratelimit.RateLimits.awaitMoment;
import static io.mtapi.harness.suites.ratelimit.RateLimits.awaitSlotFreed;
import static io.mtapi.harness.suites.ratelimit.RateLimits.budget;
import static io.mtapi.harness.suites.ratelimit.RateLimits.window;

/**
 * CONTRACT.md section 7, the reset. These tests wait for the moment the target names in
 * X-RateLimit-Reset: a few seconds on the embedded target, a minute on a deployment. The class
 * is ordered first and its tests run concurrently, so that waiting (I/O, not CPU) overlaps the
 * rest of the run. Each reset test is a class of its own: classes are what the run starts
 * first, and two waits of a minute side by side cost one minute, not two. They take the run's
 * {@link HeadStart}: their budgets are spent before any other class loads the target, so the
 * wait starts within a second or two of the run's start.
 */
@ContractTest
@Tag(Tags.RATE_LIMIT)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Rate limiting")
@DisplayName("Rate limiting: refused calls")
@Order(1)
class RateLimitRefusalTest {

    /** The least room the retries' span leaves around their own burst. */
    private static final Duration MINIMUM_SLACK = Duration.ofMillis(300);

    @Test
    @Story("Reset")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A refused call does not consume budget: a budget of refused retries does not hold the call past the reset")
    @Covers({"§7 after X-RateLimit-Reset the same call succeeds again", "§7 429"})
    void refusedCallsDoNotConsumeBudget(Tenant tenant, ApiTarget target, HeadStart headStart) {
        RateLimits.Limited limited = RateLimits.Limited.by(tenant, target);
        headStart.over(); // the budget is spent: the wait overlaps the other classes from here
        Instant reset = limited.reset();
        // The call is judged a second after X-RateLimit-Reset (whole seconds, section 7). Retries sent after
        // (judged - window) would still be in the window then if the target counted them; arriving before the
        // spent budget may free a slot, a correct target refuses them without counting them. A burst of them
        // takes about as long as the burst that spent the budget: they go out so that the margin before the
        // span and the margin after their arrival are the same.
        Instant judged = reset.plus(WHOLE_SECOND);
        Instant countedRetriesOutlive = judged.minus(window(target));
        Instant refusedUntil = limited.earliestFree(window(target));
        Duration slack = Duration.between(countedRetriesOutlive, refusedUntil).minus(limited.spentIn());
        Assumptions.assumeTrue(slack.compareTo(MINIMUM_SLACK) >= 0, () -> "Not judged: a " + window(target).toMillis()
                + " ms window leaves " + slack.toMillis() + " ms to send " + budget(target) + " retries that take "
                + limited.spentIn().toMillis() + " ms (the target or this machine is too slow for this check, or "
                + "api.rateLimit.window too short)");
        awaitMoment(countedRetriesOutlive.plus(slack.dividedBy(2)), target);
        List<ApiResponse> retries = Concurrently.times(budget(target), i -> limited.call());
        retries.forEach(retry -> assertThat(retry.status())
                .as("a retry while limited, before X-RateLimit-Reset: refused, or admitted if a slot freed%n  %s",
                        retry.describe())
                .isIn(200, 429));
        Assumptions.assumeTrue(retries.stream().allMatch(retry -> retry.status() == 429), () -> "Not judged: a slot "
                + "freed before the retries arrived (the target is too slow for this check), so they were admitted");
        awaitSlotFreed(reset, target);

        assertThat(limited.call())
                .as("the call once X-RateLimit-Reset and the second after it have passed, after a budget of refused "
                        + "retries: a 429 consumes no budget%n  X-RateLimit-Reset %s, %d refused retries", reset,
                        retries.size())
                .isOk();
    }
}
