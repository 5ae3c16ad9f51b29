package io.mtapi.harness.suites.robustness;

import io.mtapi.harness.api.ApiResponse;
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

/**
 * Garbage in the listings' query parameters. Probes alternate between the admins of two
 * tenants: every probe of a listing is the same method and path for the rate limit.
 */
@ContractTest
@CallsPerBudget(6) // GET /api/v1/users and /api/v1/files by each admin, one per case it takes
@Tag(Tags.ROBUSTNESS)
@Tag(Tags.TIER3)
@Epic(Tags.EPIC)
@Feature("Robustness")
@DisplayName("Garbage query parameters on the listings")
class QueryRobustnessTest {

    /** Query strings as they go on the wire. */
    enum BadQuery {
        PAGE_NOT_A_NUMBER("page=abc"),
        PAGE_ZERO("page=0"),
        PAGE_NEGATIVE("page=-1"),
        PAGE_FRACTION("page=1.5"),
        PAGE_EMPTY("page="),
        PAGE_NUL("page=%00"),
        PAGE_SQL_INJECTION("page=1%20OR%201%3D1"),
        /** Beyond 64 bits, but a page number all the same: an empty page or a 422, never an overflow. */
        PAGE_BEYOND_64_BITS("page=99999999999999999999", Expectation.ACCEPTED_OR_CLIENT_ERROR),
        PAGE_SIZE_ZERO("page_size=0"),
        PAGE_SIZE_NEGATIVE("page_size=-5"),
        PAGE_SIZE_NOT_A_NUMBER("page_size=ten"),
        ACTIVE_ONLY_NOT_A_BOOLEAN("active_only=maybe", Expectation.VALIDATION_ERROR, true);

        private final String query;
        private final Expectation expected;
        private final boolean usersOnly;

        BadQuery(String query) {
            this(query, Expectation.VALIDATION_ERROR, false);
        }

        BadQuery(String query, Expectation expected) {
            this(query, expected, false);
        }

        BadQuery(String query, Expectation expected, boolean usersOnly) {
            this.query = query;
            this.expected = expected;
            this.usersOnly = usersOnly;
        }

        @Override
        public String toString() {
            return "?" + query;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadQuery.class)
    @Story("Garbage query parameters")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("A garbage page, page_size or active_only on GET /api/v1/users and /api/v1/files answers 422, never 5xx")
    @Covers({"§3 GET /api/v1/users 422 bad query", "§5 GET /api/v1/files 422 bad query",
            "§4 values out of range are rejected with 422", "§9 edge cases of every input"})
    void garbageQueryIsRefused(BadQuery query, Tenant tenant, @Other Tenant other) {
        Tenant by = query.ordinal() % 2 == 0 ? tenant : other;

        ApiResponse users = by.admin().raw().send("GET", "/api/v1/users?" + query.query, r -> r.urlEncodingEnabled(false));
        query.expected.check(users, "GET /api/v1/users" + query);

        if (!query.usersOnly) {
            ApiResponse files = by.admin().raw().send("GET", "/api/v1/files?" + query.query,
                    r -> r.urlEncodingEnabled(false));
            query.expected.check(files, "GET /api/v1/files" + query);
        }
    }
}
