package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RawApi;
import io.mtapi.harness.fixtures.ApiTarget;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Locale;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/** Methods a documented path does not support, and paths the contract does not document. */
@ContractTest
@CallsPerBudget(2) // each unsupported method and path, once by the 405 test and once by the Allow test
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Unsupported methods and unknown paths")
class RoutingRobustnessTest {

    /** A documented path with a method it does not have; {id} is the admin's own id. */
    enum UnsupportedMethod {
        PATCH_USER("PATCH", "/api/v1/users/{id}", true),
        DELETE_USER_LISTING("DELETE", "/api/v1/users", true),
        PUT_FILE("PUT", "/api/v1/files/{id}", true),
        POST_ADMIN_STATS("POST", "/api/v1/admin/stats", true),
        GET_LOGIN("GET", "/auth/login", false),
        DELETE_HEALTH("DELETE", "/health", false);

        private final String method;
        private final String path;
        private final boolean authenticated;

        UnsupportedMethod(String method, String path, boolean authenticated) {
            this.method = method;
            this.path = path;
            this.authenticated = authenticated;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Paths no contract line documents. */
    enum UnknownPath {
        UNKNOWN_RESOURCE("GET", "/api/v1/nothing-here", true),
        UNKNOWN_VERSION("GET", "/api/v2/users", true),
        BELOW_A_USER("GET", "/api/v1/users/{id}/avatar", true),
        UNKNOWN_AUTH_CALL("POST", "/auth/nothing-here", false),
        UNKNOWN_ROOT("GET", "/nothing-here", false);

        private final String method;
        private final String path;
        private final boolean authenticated;

        UnknownPath(String method, String path, boolean authenticated) {
            this.method = method;
            this.path = path;
            this.authenticated = authenticated;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnsupportedMethod.class)
    @Story("Unsupported methods")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A method a documented path does not support answers 405 Method Not Allowed")
    @Covers({"§9 security misconfiguration: unsupported methods answer 405", "§9 edge cases of every input"})
    void unsupportedMethodIsMethodNotAllowed(UnsupportedMethod call, Tenant tenant, ApiTarget target) {
        ApiResponse response = caller(call.authenticated, tenant, target)
                .send(call.method, call.path.replace("{id}", tenant.admin().account().userId()));

        assertThat(response).isNotServerError()
                .hasStatus(405, "a method a documented path does not support answers 405 Method Not Allowed");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnsupportedMethod.class)
    @Story("Unsupported methods")
    @Severity(SeverityLevel.MINOR)
    @DisplayName("A 405 names the methods the path does support in an Allow header")
    @Covers({"§9 security misconfiguration: unsupported methods answer 405"})
    @ContractGap(value = "allowHeaderOn405", reason = "RFC 9110 section 15.5.6 requires a 405 to carry Allow with the "
            + "path's methods, so a client can tell what it may do; CONTRACT.md does not mention 405")
    void methodNotAllowedNamesTheAllowedMethods(UnsupportedMethod call, Tenant tenant, ApiTarget target) {
        ApiResponse response = caller(call.authenticated, tenant, target)
                .send(call.method, call.path.replace("{id}", tenant.admin().account().userId()));

        assertThat(response).hasStatus(405, "a method a documented path does not support answers 405, with an Allow header")
                .hasHeader("Allow");
        assertThat(response.header("Allow").toUpperCase(Locale.ROOT))
                .as("Allow header of the 405 answering %s: it names what the path supports, not the method refused", call)
                .doesNotContain(call.method).containsAnyOf("GET", "POST", "PUT", "DELETE");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(UnknownPath.class)
    @Story("Unknown paths")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("A path the contract does not document answers 404, never 5xx")
    @Covers({"§9 improper inventory management: undocumented paths answer 404", "§9 edge cases of every input"})
    void unknownPathIsNotFound(UnknownPath call, Tenant tenant, ApiTarget target) {
        ApiResponse response = caller(call.authenticated, tenant, target)
                .send(call.method, call.path.replace("{id}", tenant.admin().account().userId()));

        assertThat(response).as("%s (no such path in the contract)", call).isNotServerError().hasStatus(404);
    }

    private static RawApi caller(boolean authenticated, Tenant tenant, ApiTarget target) {
        return authenticated ? tenant.admin().raw() : new RawApi(target.specs().anonymous());
    }
}
