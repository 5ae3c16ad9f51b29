package io.mtapi.harness.suites.pagination;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.FileMetadata;
import io.mtapi.harness.api.Page;
import io.mtapi.harness.data.SampleFiles;
import io.mtapi.harness.fixtures.ApiTarget;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * CONTRACT.md section 4 on {@code GET /api/v1/files}. The class's tenant holds exactly
 * the files uploaded once before the tests (by its admin, inside one rate-limit budget of
 * the upload path), and no test here uploads or deletes one.
 */
@ContractTest
@Tag(Tags.PAGINATION)
@Tag(Tags.TIER2)
@Epic(Tags.EPIC)
@Feature("Pagination")
@DisplayName("Pagination of the file listing")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilePaginationTest {

    /** 9 files: 3 pages of 3 (the last one full) or 4 + 4 + 1 (the last one partial). */
    private static final int UPLOADED = 9;
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final List<String> TYPES = List.of("text/plain", "text/csv", "image/png");
    private static final TypeReference<Page<FileMetadata>> FILE_PAGE = new TypeReference<>() { };

    private Set<String> expectedIds;

    @BeforeAll
    void uploadFiles(Tenant tenant) {
        expectedIds = IntStream.range(0, UPLOADED)
                .mapToObj(i -> tenant.files().uploaded(SampleFiles.of(TYPES.get(i % TYPES.size()))).id())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Page sizes whose last page is full, or partial, for {@link #UPLOADED} files. */
    enum Walk {
        LAST_PAGE_FULL(3), LAST_PAGE_PARTIAL(4);

        private final int pageSize;

        Walk(int pageSize) {
            this.pageSize = pageSize;
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Walk.class)
    @Story("Walking pages")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("Walking GET /api/v1/files from page 1 while has_next yields every file exactly once, with exact metadata on every page and past the end")
    @Covers({"§4 walking pages from 1 while has_next yields every item exactly once",
        "§4 has_next = page * page_size < total_count", "§4 has_prev = page > 1", "§5 GET /api/v1/files 200"})
    void walkingPagesYieldsEveryFileOnce(Walk walk, Tenant tenant) {
        PageWalk<FileMetadata> listing = files(tenant);
        int pages = PageWalk.pagesOf(UPLOADED, walk.pageSize);

        List<Page<FileMetadata>> visited = listing.walk(walk.pageSize, pages);

        for (int i = 0; i < visited.size(); i++) {
            assertThat(visited.get(i)).as("page %d of %d (page_size %d over the %d files uploaded)", i + 1, pages,
                    walk.pageSize, UPLOADED).hasConsistentMetadata().isPage(i + 1, walk.pageSize, UPLOADED);
        }
        assertThat(visited).as("pages visited from page 1 while has_next (page_size %d, %d files)", walk.pageSize,
                UPLOADED).hasSize(pages);
        assertThat(visited.stream().flatMap(page -> page.data().stream()).map(FileMetadata::id).toList())
                .as("files met walking every page of %d: each uploaded file exactly once", walk.pageSize)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(listing.page(pages + 1, walk.pageSize))
                .as("page %d, one past the last: 200 with no files, has_next false, has_prev true", pages + 1)
                .hasConsistentMetadata().isPage(pages + 1, walk.pageSize, UPLOADED);
    }

    @Test
    @Story("Page metadata")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/files without query parameters answers page 1 with page_size 20")
    @Covers({"§4 page default 1, page_size default 20", "§5 GET /api/v1/files 200"})
    void defaultsArePageOneOfTwenty(Tenant tenant) {
        Page<FileMetadata> first = files(tenant).fetch(Map.of());

        assertThat(first).as("the file listing without query parameters (%d files)", UPLOADED)
                .hasConsistentMetadata().isPage(1, DEFAULT_PAGE_SIZE, UPLOADED);
        assertThat(first.data()).as("files on the default first page").extracting(FileMetadata::id)
                .containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    @Story("Query bounds")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/files with page_size at the maximum answers every file on one page")
    @Covers({"§4 page_size at most 100 (deployment setting)"})
    void largestPageSizeIsServed(ApiTarget target, Tenant tenant) {
        int max = target.config().maxPageSize();

        Page<FileMetadata> all = files(tenant).page(1, max);

        assertThat(all).as("the file listing with page_size %d, the configured maximum", max)
                .hasConsistentMetadata().isPage(1, max, UPLOADED);
    }

    @Test
    @Story("Query bounds")
    @Severity(SeverityLevel.CRITICAL)
    @DisplayName("GET /api/v1/files with page_size one over the maximum answers 422, or clamps and reports the maximum")
    @Covers({"§4 page_size at most 100: 422 or clamped and reported", "OWASP API4:2023 unrestricted resource consumption"})
    void pageSizeOverMaximumIsRefusedOrClamped(ApiTarget target, @Other Tenant other) {
        int max = target.config().maxPageSize();

        PageWalk.assertRefusedOrClamped(other.files().list(Map.of("page_size", max + 1)), max);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(QueryBound.class)
    @Story("Query bounds")
    @Severity(SeverityLevel.NORMAL)
    @DisplayName("GET /api/v1/files with page below 1, page_size below 1 or a value that is no integer answers 422")
    @Covers({"§4 page starts at 1; out of range 422", "§5 GET /api/v1/files 422 bad query"})
    void outOfRangeQueryIsRejected(QueryBound bound, @Other Tenant other) {
        assertThat(other.files().list(bound.query())).as("GET /api/v1/files?%s", bound)
                .isValidationErrorFor(bound.parameter());
    }

    private static PageWalk<FileMetadata> files(Tenant tenant) {
        return new PageWalk<>("GET /api/v1/files", query -> tenant.files().list(query), FILE_PAGE);
    }
}
