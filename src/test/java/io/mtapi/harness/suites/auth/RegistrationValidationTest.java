package io.mtapi.harness.suites.auth;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RegisterResult;
import io.mtapi.harness.api.Registration;
import io.mtapi.harness.api.TenantList;
import io.mtapi.harness.api.TokenPair;
import io.mtapi.harness.data.Registrations;
import io.mtapi.harness.data.Tenants;
import io.mtapi.harness.fixtures.ApiTarget;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

@ContractTest
@CallsPerBudget(7)
@Tag(Tags.AUTH)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Authentication")
@Story("Register")
@DisplayName("Registration input")
class RegistrationValidationTest {

    /** The valid extremes of each length rule: tenant_name 3-50, admin_username 3-50, admin_password >= 8. */
    enum Boundary {
        SHORTEST(3, 3, 8),
        LONGEST(50, 50, 72);

        private final int tenantName;
        private final int username;
        private final int password;

        Boundary(int tenantName, int username, int password) {
            this.tenantName = tenantName;
            this.username = username;
            this.password = password;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Boundary.class)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /auth/register accepts each field at its length boundary (201), and the admin can log in")
    @Covers({"§2 POST /auth/register 201", "§2 POST /auth/login 200"})
    void boundaryLengthsRegister(Boundary boundary, ApiTarget target) {
        Registration registration = Registrations.withLengths(boundary.tenantName, boundary.username, boundary.password);
        ApiResponse response = target.auth().register(registration);
        // Three-character names are random, not unique by run id: one taken by an earlier run is a
        // correct 409, so another draw is tried (twice at most) before judging the boundary.
        for (int retry = 0; retry < 2 && response.status() == 409 && boundary == Boundary.SHORTEST; retry++) {
            registration = Registrations.withLengths(boundary.tenantName, boundary.username, boundary.password);
            response = target.auth().register(registration);
        }

        assertThat(response).as("registering with tenant_name of %d, admin_username of %d and admin_password of %d "
                + "characters", boundary.tenantName, boundary.username, boundary.password).isCreated();
        TokenPair tokens = target.login(registration.adminUsername(), registration.adminPassword());
        target.handOver(target.adopt(registration, response.as(RegisterResult.class), tokens));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Registrations.Invalid.class)
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /auth/register with a field out of its rules or missing answers 422 and creates nothing")
    @Covers({"§2 POST /auth/register 422", "§1 validation errors"})
    void invalidRegistrationIsRejected(Registrations.Invalid variant, ApiTarget target, Tenant tenant,
                                       @Other Tenant other) {
        Map<String, Object> body = Registrations.invalid(variant);

        assertThat(target.auth().register(body)).as("registering with %s", variant).isValidationError();

        // Checked by two admins in turn: each one's tenant listings stay inside one rate-limit budget.
        assertNothingRegistered(target, variant.ordinal() % 2 == 0 ? tenant : other, body);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/register with a taken tenant name answers 409 and creates nothing")
    @Covers({"§2 POST /auth/register 409", "§1 tenant names unique"})
    void takenTenantNameIsConflict(ApiTarget target, Tenant tenant) {
        Map<String, Object> body = Registrations.asMap(Tenants.registration());
        body.put("tenant_name", tenant.name());

        assertThat(target.auth().register(body)).as("registering a tenant name that is taken").isConflict();

        assertNothingRegistered(target, tenant, body);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Tenant names are compared case-insensitively: a taken name in other case answers 409")
    @Covers({"§2 POST /auth/register 409", "§1 tenant names unique, compared case-insensitively"})
    void takenTenantNameInOtherCaseIsConflict(ApiTarget target, Tenant tenant) {
        String otherCase = swapCase(tenant.name());
        assertThat(otherCase).as("the taken tenant name in other letter case differs from it").isNotEqualTo(tenant.name());
        Map<String, Object> body = Registrations.asMap(Tenants.registration());
        body.put("tenant_name", otherCase);

        assertThat(target.auth().register(body))
                .as("registering a taken tenant name in other letter case").isConflict();

        assertNothingRegistered(target, tenant, body);
    }

    @Test
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("POST /auth/register with a taken admin username answers 409 and creates nothing")
    @Covers({"§2 POST /auth/register 409", "§1 usernames unique across the system"})
    void takenAdminUsernameIsConflict(ApiTarget target, Tenant tenant) {
        Map<String, Object> body = Registrations.asMap(Tenants.registration());
        body.put("admin_username", tenant.admin().account().username());

        assertThat(target.auth().register(body))
                .as("registering a new tenant with an admin username that is taken").isConflict();

        assertNothingRegistered(target, tenant, body);
    }

    @Test
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("POST /auth/register with a taken admin email answers 409 and creates nothing")
    @Covers({"§2 POST /auth/register 409", "§1 emails unique across the system"})
    void takenAdminEmailIsConflict(ApiTarget target, Tenant tenant) {
        Map<String, Object> body = Registrations.asMap(Tenants.registration());
        body.put("admin_email", tenant.admin().account().email());

        assertThat(target.auth().register(body))
                .as("registering a new tenant with an admin email that is taken").isConflict();

        assertNothingRegistered(target, tenant, body);
    }

    /**
     * A rejected registration left no trace. When it named a new tenant, that name is not in
     * the tenant listing (a read that costs the target no password hash); otherwise its new
     * admin cannot log in.
     */
    private static void assertNothingRegistered(ApiTarget target, Tenant tenant, Map<String, Object> body) {
        Object tenantName = body.get("tenant_name");
        if (tenantName instanceof String name && !name.equalsIgnoreCase(tenant.name())) {
            ApiResponse listing = tenant.admin().administration().tenants();
            assertThat(listing).as("the tenant listing (GET /api/v1/admin/tenants), read by an admin").isOk();
            assertThat(listing.as(TenantList.class).tenants())
                    .as("tenant names listed after a rejected registration: a refused registration creates no tenant")
                    .extracting(TenantList.Entry::name).doesNotContain(name);
            return;
        }
        Object username = body.get("admin_username");
        assertThat(username).as("the rejected registration names a new tenant or a new admin").isInstanceOf(String.class)
                .isNotEqualTo(tenant.admin().account().username());
        Object password = body.getOrDefault("admin_password", Tenants.password());
        ApiResponse login = target.auth().login(Map.of("username", username, "password", password));
        // 422 is as good as 401 here: a target may apply the registration's length rules to login too.
        assertThat(login.status())
                .as("login as the admin of a rejected registration: it created no account, so 401 (or 422)%n  %s",
                        login.describe())
                .isIn(401, 422);
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }
}
