package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.fixtures.Caller;
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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;
import static io.mtapi.harness.checks.ApiAssertions.catchThrowable;

/**
 * Ids that name nothing, on every call that takes one. Ids are opaque strings (CONTRACT.md
 * section 1): whatever the caller puts there, the answer is "unknown" (404, or another 4xx
 * where a target types its ids), never a 5xx. Each id is its own concrete path, so the probes
 * spend no shared rate-limit budget.
 */
@ContractTest
@CallsPerBudget(1) // every odd id is a path of its own
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Odd ids in the path")
class PathIdRobustnessTest {

    /** Path segments as they go on the wire (already percent-encoded where needed). */
    enum BadId {
        CURLY_BRACES("%7B%7D"),
        DOT_DOT_SLASH("..%2Fx"),
        ENCODED_TRAVERSAL("%2e%2e%2fx"),
        DOUBLE_ENCODED_TRAVERSAL("%252e%252e%252fx"),
        TEN_THOUSAND_CHARACTERS("a".repeat(10_000)),
        UNICODE(encoded("😀\u202Eעברית\u202Ce\u0301")),
        NUL("%00"),
        NULL_WORD("null"),
        MINUS_ONE("-1"),
        ZERO("0"),
        SQL_INJECTION(encoded("' OR '1'='1")),
        NOSQL_INJECTION(encoded("{\"$ne\": null}"));

        private final String segment;

        BadId(String segment) {
            this.segment = segment;
        }

        private static String encoded(String raw) {
            return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** The calls that take an id, as (method, path prefix). */
    private static final List<String[]> ID_CALLS = List.of(
            new String[] {"GET", "/api/v1/users/"},
            new String[] {"PUT", "/api/v1/users/"},
            new String[] {"DELETE", "/api/v1/users/"},
            new String[] {"GET", "/api/v1/files/"},
            new String[] {"DELETE", "/api/v1/files/"});

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadId.class)
    @Story("Odd ids")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("An id that names nothing answers 404 (or another 4xx) on GET/PUT/DELETE users and GET/DELETE files, "
            + "never a 5xx")
    @Covers({"§3 GET /api/v1/users/{id} 404", "§3 PUT /api/v1/users/{id} 404", "§3 DELETE /api/v1/users/{id} 404",
            "§5 GET /api/v1/files/{id} 404", "§5 DELETE /api/v1/files/{id} 404", "§9 edge cases of every input"})
    void unknownIdIsAClientError(BadId id, Tenant tenant) {
        Caller admin = tenant.admin();

        List<String> notClientErrors = new ArrayList<>();
        for (String[] call : ID_CALLS) {
            ApiResponse response = admin.raw().send(call[0], call[1] + id.segment, bodyFor(call[0]));
            Throwable wrong = catchThrowable(() -> assertThat(response).as("%s %s{%s}", call[0], call[1], id).isClientError());
            if (wrong != null) {
                notClientErrors.add(wrong.getMessage());
            }
        }

        // One claim for the five calls: which of them broke is the evidence, not the headline.
        assertThat(notClientErrors).as("the id-taking calls answer an id that names nothing (%s) with a 4xx, never "
                + "a 5xx: these did not", id).isEmpty();
    }

    /** Sent as written (no second encoding); PUT carries a valid change, so only the id is odd. */
    private static UnaryOperator<RequestSpecification> bodyFor(String method) {
        return request -> {
            var unencoded = request.urlEncodingEnabled(false);
            return method.equals("PUT") ? unencoded.contentType("application/json").body("{\"full_name\": \"Probe\"}")
                    : unencoded;
        };
    }
}
