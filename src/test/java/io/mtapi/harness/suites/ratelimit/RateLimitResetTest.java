package io.mtapi.harness.suites.ratelimit;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.suites.ratelimit.RateLimits.awaitSlotFreed;

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
@DisplayName("Rate limiting: reset")
@Order(1)
class RateLimitResetTest {

    @Test
    @Story("Reset")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("After X-RateLimit-Reset the same call succeeds again")
    @Covers({"§7 after X-RateLimit-Reset the same call succeeds again"})
    void sameCallSucceedsAgainAfterTheReset(Tenant tenant, ApiTarget target, HeadStart headStart) {
        RateLimits.Limited limited = RateLimits.Limited.by(tenant, target);
        headStart.over(); // the budget is spent: the wait overlaps the other classes from here

        awaitSlotFreed(limited.reset(), target);

        assertThat(limited.call()).as("the same call once X-RateLimit-Reset and the second after it have passed%n  "
                + "X-RateLimit-Reset %s", limited.reset()).isOk();
    }
}
