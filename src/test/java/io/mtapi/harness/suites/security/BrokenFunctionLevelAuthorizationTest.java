package io.mtapi.harness.suites.security;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Member;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * A member (role user) probing the admin functions the way an attacker does: with every HTTP
 * method, and with spellings of the admin paths that a router or a proxy might treat
 * differently from the role check. The rbac suite checks the documented 403s in depth.
 */
@ContractTest
@CallsPerBudget(4) // the member's GET /api/v1/admin/stats: plain, ?role, role headers, %73tats decoded
@Tag(Tags.SECURITY)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("OWASP API Security Top 10")
@Story("API5:2023 Broken Function Level Authorization")
@DisplayName("API5:2023 Broken Function Level Authorization")
class BrokenFunctionLevelAuthorizationTest {

    private static final List<String> ADMIN_PATHS = List.of("/api/v1/admin/tenants", "/api/v1/admin/stats");
    private static final List<String> METHODS = List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Fields only the admin answers have: their presence in a member's answer is a leak. */
    private static final List<String> ADMIN_DATA = List.of("\"tenants\"", "\"total_tenants\"", "\"total_users\"",
            "\"total_files\"", "\"total_storage_bytes\"");

    static Stream<Arguments> adminOperations() {
        return ADMIN_PATHS.stream().flatMap(path -> METHODS.stream().map(method -> Arguments.of(method, path)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminOperations")
    @Severity(SeverityLevel.BLOCKER)
    @DisplayName("API5:2023 Broken Function Level Authorization — a member gets no admin data with any method: "
            + "GET 403, HEAD 403 or 405, OPTIONS no data, a write never succeeds")
    @Covers({"OWASP API5:2023 Broken Function Level Authorization", "§6 role user 403 Admin access required"})
    void memberGetsNoAdminDataWithAnyMethod(String method, String path, Member member) {
        ApiResponse response = member.raw().send(method, path);

        assertNoAdminData(response);
        if (method.equals("GET")) {
            assertThat(response).as("%s %s by a member (role user)", method, path).isForbidden();
        }
        if (method.equals("HEAD")) {
            // HEAD answers like the GET, or 405 (CONTRACT.md 7a): both leak nothing.
            assertThat(response).as("%s %s by a member (role user): like the GET (403), or 405", method, path)
                    .hasStatusIn(403, 405);
        }
        if (MUTATING.contains(method)) {
            assertThat(response).as("%s %s by a member (role user): an undocumented write on an admin path (403 or 405)",
                    method, path).isNotSuccessful();
        }
    }

    /** Spellings of an admin call that reach the same handler, or claim to, by another route. */
    enum PathTrick {
        TRAILING_SLASH("/api/v1/admin/stats/", r -> r),
        DOUBLE_SLASH("/api/v1//admin/stats", r -> r),
        UPPER_CASE("/api/v1/ADMIN/STATS", r -> r),
        PERCENT_ENCODED_LETTER("/api/v1/admin/%73tats", r -> r),
        MATRIX_PARAMETER("/api/v1/admin/stats;role=admin", r -> r),
        EXTENSION("/api/v1/admin/stats.json", r -> r),
        ROLE_QUERY_PARAMETER("/api/v1/admin/stats?role=admin&is_admin=true", r -> r),
        X_ORIGINAL_URL("/api/v1/users", r -> r.header("X-Original-URL", "/api/v1/admin/stats")),
        X_REWRITE_URL("/api/v1/users", r -> r.header("X-Rewrite-URL", "/api/v1/admin/stats")),
        METHOD_OVERRIDE_HEADER("/api/v1/admin/stats", r -> r.header("X-HTTP-Method-Override", "GET")),
        ROLE_HEADERS("/api/v1/admin/stats", r -> r.header("X-User-Role", "admin").header("X-Role", "admin"));

        private final String path;
        private final UnaryOperator<RequestSpecification> request;

        PathTrick(String path, UnaryOperator<RequestSpecification> request) {
            this.path = path;
            this.request = request;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(PathTrick.class)
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("API5:2023 Broken Function Level Authorization — a member reaches no admin data through another "
            + "spelling of the path, rewrite headers or role headers")
    @Covers({"OWASP API5:2023 Broken Function Level Authorization", "§6 role user 403 Admin access required"})
    void memberReachesNoAdminDataByPathTricks(PathTrick trick, Member member) {
        String method = trick == PathTrick.METHOD_OVERRIDE_HEADER ? "POST" : "GET";

        ApiResponse response = member.raw().send(method, trick.path,
                r -> trick.request.apply(r.urlEncodingEnabled(false)));

        assertNoAdminData(response);
    }

    private static void assertNoAdminData(ApiResponse response) {
        assertThat(response.body()).as("a member (role user) reached admin data through another spelling of the path or "
                + "a header%n  %s answered %d", response.request(), response.status()).doesNotContain(ADMIN_DATA);
    }
}
