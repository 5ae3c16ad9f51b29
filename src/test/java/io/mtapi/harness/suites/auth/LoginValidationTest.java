package io.mtapi.harness.suites.auth;

import io.mtapi.harness.data.RunId;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.ContractTest;
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

import java.util.Map;
import java.util.function.Supplier;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Login")
@DisplayName("Login input")
class LoginValidationTest {

    /** Login bodies that are not {username, password} strings. */
    enum InvalidLogin {
        USERNAME_MISSING(() -> Map.of("password", Tenants.password())),
        PASSWORD_MISSING(() -> Map.of("username", "nobody." + RunId.unique())),
        EMPTY_OBJECT(Map::of),
        USERNAME_NOT_A_STRING(() -> Map.of("username", 12345, "password", Tenants.password()));

        private final Supplier<Map<String, Object>> body;

        InvalidLogin(Supplier<Map<String, Object>> body) {
            this.body = body;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InvalidLogin.class)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /auth/login without username or password answers 422 with the validation body")
    @Covers({"§2 POST /auth/login 422", "§1 validation errors"})
    void invalidLoginBodyIsValidationError(InvalidLogin variant, ApiTarget target) {
        assertThat(target.auth().login(variant.body.get())).as("login with %s", variant).isValidationError();
    }
}
