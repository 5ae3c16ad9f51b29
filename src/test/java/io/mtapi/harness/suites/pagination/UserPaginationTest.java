package io.mtapi.harness.suites.pagination;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.api.User;
import io.mtapi.harness.data.Users;
import io.mtapi.harness.fixtures.ApiTarget;
import io.mtapi.harness.fixtures.CallsPerBudget;
import io.mtapi.harness.fixtures.ContractTest;
import io.mtapi.harness.fixtures.Other;
import io.mtapi.harness.fixtures.SeededTenant;
import io.mtapi.harness.fixtures.Tenant;
import io.mtapi.harness.suites.Covers;
import io.mtapi.harness.suites.Tags;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.Story;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * CONTRACT.md section 4 on {@code GET /api/v1/users}. The walks read the run's seeded
 * tenant, which holds exactly its admin and 50 bulk-created users and which no test
 * changes: every expected page is computed from that count. Tests that must change data
 * use their own tenant. Listings are spread over the seeded tenant's admin (the walks, 10
 * calls) and the other tenant's admin (the refusals), each inside one rate-limit budget.
 */
@ContractTest
@CallsPerBudget(8)
@Tag(Tags.PAGINATION)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Pagination")
@DisplayName("Pagination of the user listing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Early: the run's seeded tenant (50 hashed users) is made for these tests, and the sooner it
// starts, the more of it overlaps the rate-limit suite's waiting.
@Order(2)
class UserPaginationTest {

    /** With the admin, 51 users: 3 pages of 17 (the last one full) or 20 + 20 + 11 (the last one partial). */
    private static final int SEEDED = SeededTenant.SIZE;
    private static final int TOTAL = SEEDED + 1;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final TypeReference<Page<User>> USER_PAGE = new TypeReference<>() { };

    private Set<String> expectedIds;

    @BeforeAll
    void expectSeededUsers(SeededTenant seeded) {
        expectedIds = Stream.concat(seeded.users().stream().map(User::id), Stream.of(seeded.tenant().admin().account().userId()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Page sizes whose last page is full, or partial, for {@link #TOTAL} users. */
    enum Walk {
        LAST_PAGE_FULL(17), LAST_PAGE_PARTIAL(20);

        private final int pageSize;

        Walk(int pageSize) {
            this.pageSize = pageSize;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Walk.class)
    @Story("Walking pages")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Walking GET /api/v1/users from page 1 while has_next yields every user exactly once, with exact metadata on every page and past the end")
    @Covers({"§4 walking pages from 1 while has_next yields every item exactly once",
        "§4 has_next = page * page_size < total_count", "§4 has_prev = page > 1", "§3 GET /api/v1/users 200"})
    void walkingPagesYieldsEveryUserOnce(Walk walk, SeededTenant seeded) {
        PageWalk<User> listing = users(seeded.tenant());
        int pages = PageWalk.pagesOf(TOTAL, walk.pageSize);

        List<Page<User>> visited = listing.walk(walk.pageSize, pages);

        for (int i = 0; i < visited.size(); i++) {
            assertThat(visited.get(i)).as("page %d of %d (page_size %d over the %d users seeded)", i + 1, pages,
                    walk.pageSize, TOTAL).hasConsistentMetadata().isPage(i + 1, walk.pageSize, TOTAL);
        }
        assertThat(visited).as("pages visited from page 1 while has_next (page_size %d, %d users)", walk.pageSize, TOTAL)
                .hasSize(pages);
        assertThat(visited.stream().flatMap(page -> page.data().stream()).map(User::id).toList())
                .as("users met walking every page of %d: each seeded user exactly once", walk.pageSize)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(listing.page(pages + 1, walk.pageSize))
                .as("page %d, one past the last: 200 with no users, has_next false, has_prev true", pages + 1)
                .hasConsistentMetadata().isPage(pages + 1, walk.pageSize, TOTAL);
    }

    @Test
    @Story("Page metadata")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/users without query parameters answers page 1 with page_size 20")
    @Covers({"§3 GET /api/v1/users page default 1, page_size default 20"})
    void defaultsArePageOneOfTwenty(SeededTenant seeded) {
        Page<User> first = users(seeded.tenant()).fetch(Map.of());

        assertThat(first).as("the user listing without query parameters (%d users)", TOTAL)
                .hasConsistentMetadata().isPage(1, DEFAULT_PAGE_SIZE, TOTAL);
        assertThat(first.data()).as("users on the default first page").extracting(User::id)
                .doesNotHaveDuplicates().isSubsetOf(expectedIds);
    }

    @Test
    @Story("Query bounds")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/users with page_size at the maximum answers every user on one page")
    @Covers({"§4 page_size at most 100 (deployment setting)"})
    void largestPageSizeIsServed(ApiTarget target, SeededTenant seeded) {
        int max = target.config().maxPageSize();

        Page<User> all = users(seeded.tenant()).page(1, max);

        assertThat(all).as("the user listing with page_size %d, the configured maximum", max)
                .hasConsistentMetadata().isPage(1, max, TOTAL);
        assertThat(all.data()).as("users on one page of %d", max).extracting(User::id)
                .containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    @Story("Query bounds")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/users with page_size one over the maximum answers 422, or clamps and reports the maximum")
    @Covers({"§4 page_size at most 100: 422 or clamped and reported", "OWASP API4:2023 unrestricted resource consumption"})
    void pageSizeOverMaximumIsRefusedOrClamped(ApiTarget target, @Other Tenant other) {
        int max = target.config().maxPageSize();

        ApiResponse response = other.users().list(Map.of("page_size", max + 1));

        PageWalk.assertRefusedOrClamped(response, max);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueryBound.class)
    @Story("Query bounds")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/users with page below 1, page_size below 1 or a value that is no integer answers 422")
    @Covers({"§4 page starts at 1; out of range 422", "§3 GET /api/v1/users 422 bad query"})
    void outOfRangeQueryIsRejected(QueryBound bound, @Other Tenant other) {
        assertThat(other.users().list(bound.query())).as("GET /api/v1/users?%s", bound)
                .isValidationErrorFor(bound.parameter());
    }

    @Test
    @Story("Query bounds")
    @Severity(SeverityLevel.MINOR)
    @DisplayName("GET /api/v1/users with an active_only that is no boolean answers 422")
    @Covers({"§3 GET /api/v1/users 422 bad query"})
    void activeOnlyThatIsNoBooleanIsRejected(@Other Tenant other) {
        assertThat(other.users().list(Map.of("active_only", "perhaps"))).as("GET /api/v1/users?active_only=perhaps")
                .isValidationErrorFor("active_only");
    }

    @Test
    @Story("Page metadata")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("total_count leaves a soft-deleted user out by default and counts it with active_only=false")
    @Covers({"§3 GET /api/v1/users active_only default true", "§3 soft delete: listing", "§4 total_count"})
    void softDeletedUserCountsOnlyWithActiveOnlyFalse(ApiTarget target, Tenant tenant) {
        // A pooled tenant has only its admin active, but may hold users earlier borrowers deactivated: the
        // count with active_only=false is judged against the one read before (no other test here adds users).
        // A pre-provisioned tenant (registration closed) is shared with other classes: it cannot judge counts.
        tenant.requireToItself();
        PageWalk<User> listing = users(tenant);
        int max = target.config().maxPageSize();
        Map<String, Object> everyoneQuery = Map.of("active_only", false, "page_size", max);
        Long everyoneBefore = listing.fetch(everyoneQuery).totalCount();
        assertThat(everyoneBefore).as("total_count of the listing with active_only=false").isNotNull();
        List<User> pair = tenant.users().createdInBulk(Users.valid(2));
        String admin = tenant.admin().account().userId();
        User kept = pair.get(0);
        User gone = pair.get(1);
        assertThat(tenant.users().delete(gone.id())).as("an admin deletes a user of its tenant").isNoContent();

        Page<User> active = listing.fetch(Map.of());
        Page<User> everyone = listing.fetch(everyoneQuery);

        assertThat(active).as("the default listing: the admin and the active user; the deleted user left out")
                .hasConsistentMetadata().isPage(1, DEFAULT_PAGE_SIZE, 2);
        assertThat(active.data()).as("users in the default listing").extracting(User::id)
                .containsExactlyInAnyOrder(admin, kept.id());
        assertThat(everyone).as("the listing with active_only=false: the deleted user counted too")
                .hasConsistentMetadata().isPage(1, max, everyoneBefore + 2);
        assertThat(everyone.data()).as("users in the listing with active_only=false").extracting(User::id)
                .contains(admin, kept.id(), gone.id());
    }

    private static PageWalk<User> users(Tenant tenant) {
        return new PageWalk<>("GET /api/v1/users", query -> tenant.users().list(query), USER_PAGE);
    }
}
