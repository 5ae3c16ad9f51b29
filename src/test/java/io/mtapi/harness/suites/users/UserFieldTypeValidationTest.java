package io.mtapi.harness.suites.users;

import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.CallsPerBudget;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;


import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Every string field of {@code POST /api/v1/users} given a JSON number, array, object or
 * null: never coerced, always 422, nothing created. A class of its own (own tenants, own
 * rate-limit budgets) beside {@link UserCreationValidationTest}, split the same way over
 * the two tenants' admins. Each case judges only what it sent (its username and email), so
 * an input a target wrongly accepts fails that case alone, not every case after it.
 */
@ContractTest
@CallsPerBudget(8) // POST /api/v1/users and a listing per case, 8 cases by the busier admin
@Tag(Tags.USERS)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Users")
@Story("Input validation")
@DisplayName("New users with fields of the wrong JSON type are rejected (422)")
class UserFieldTypeValidationTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Users.Invalid.class, mode = EnumSource.Mode.MATCH_ANY,
            names = ".+_(NOT_A_STRING|NUMBER|ARRAY|OBJECT|NULL)")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /api/v1/users with a number, array, object or null for a string field answers 422 and creates nothing")
    @Covers({"§3 POST /api/v1/users 422", "§1 422 detail [{loc, msg, type}]"})
    void fieldOfWrongTypeIsRejected(Users.Invalid variant, Tenant tenant, @Other Tenant other) {
        Tenant caller = variant.ordinal() % 2 == 0 ? tenant : other;
        caller.requireToItself();

        UserRefusals.assertRefusedAndNothingCreated(caller, variant);
    }
}
