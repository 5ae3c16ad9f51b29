package io.mtapi.harness.suites.pagination;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.Page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.mtapi.harness.checks.ApiAssertions.assertThat;

/**
 * Walks a listing the way a client does (CONTRACT.md section 4): from page 1 while
 * {@code has_next}. Stops two pages after the expected last one, so a {@code has_next}
 * that never turns false fails the walk instead of looping.
 */
final class PageWalk<T> {

    private final String what;
    private final Function<Map<String, ?>, ApiResponse> list;
    private final TypeReference<Page<T>> type;

    /**
     * @param what a listing in the contract's words, e.g. "GET /api/v1/users" (no run-specific names: it heads failures)
     * @param list the listing call with its query parameters
     */
    PageWalk(String what, Function<Map<String, ?>, ApiResponse> list, TypeReference<Page<T>> type) {
        this.what = what;
        this.list = list;
        this.type = type;
    }

    /** The pages visited from page 1 while has_next, each answered 200. */
    List<Page<T>> walk(int pageSize, int expectedPages) {
        List<Page<T>> pages = new ArrayList<>();
        for (int page = 1; page <= expectedPages + 2; page++) {
            Page<T> current = page(page, pageSize);
            pages.add(current);
            if (!Boolean.TRUE.equals(current.hasNext())) {
                return pages;
            }
        }
        throw new AssertionError(what + " with page_size " + pageSize + ": has_next still true on page "
                + (expectedPages + 2) + ", where the contract's has_next = page * page_size < total_count has long been false");
    }

    /** One page, answered 200. */
    Page<T> page(int page, int pageSize) {
        return fetch(Map.of("page", page, "page_size", pageSize));
    }

    /** The listing with exactly these query parameters, answered 200. */
    Page<T> fetch(Map<String, ?> query) {
        ApiResponse response = list.apply(query);
        assertThat(response).as("%s with %s", what, query.isEmpty() ? "no query parameters" : query).isOk();
        return response.as(type);
    }

    /** Pages a listing of {@code total} items has at {@code pageSize}: ceil(total / pageSize). */
    static int pagesOf(long total, int pageSize) {
        return (int) ((total + pageSize - 1) / pageSize);
    }

    /** page_size over the maximum: 422, or a 200 that clamps and reports the maximum (section 4 allows both). */
    static void assertRefusedOrClamped(ApiResponse response, int max) {
        if (response.status() == 422) {
            assertThat(response).as("page_size %d over a maximum of %d, refused", max + 1, max)
                    .isValidationErrorFor("page_size");
            return;
        }
        assertThat(response).as("page_size %d over a maximum of %d (expected 422, or 200 with page_size clamped to %d)",
                max + 1, max, max).isOk();
        Page<?> page = response.as(new TypeReference<Page<Object>>() { });
        assertThat(page.pageSize()).as("page_size reported when %d was asked over a maximum of %d: a clamping target "
                + "reports the clamped value", max + 1, max).isEqualTo(max);
        assertThat(page).as("the clamped page").hasConsistentMetadata();
    }
}
