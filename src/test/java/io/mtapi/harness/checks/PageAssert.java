package io.mtapi.harness.checks;

import io.mtapi.harness.api.Page;
import org.assertj.core.api.AbstractAssert;

import java.util.Objects;

/**
 * Assertions on a page object (CONTRACT.md section 4).
 *
 * <pre>{@code
 * assertThat(page).hasConsistentMetadata().isPage(2, 8, 24);
 * }</pre>
 */
public final class PageAssert extends AbstractAssert<PageAssert, Page<?>> {

    PageAssert(Page<?> actual) {
        super(actual, PageAssert.class);
    }

    /** has_next = page * page_size &lt; total_count, has_prev = page &gt; 1, data no longer than page_size. */
    public PageAssert hasConsistentMetadata() {
        isNotNull();
        long page = actual.page();
        long size = actual.pageSize();
        long total = actual.totalCount();
        boolean expectedNext = page * size < total;
        boolean expectedPrev = page > 1;
        if (actual.hasNext() != expectedNext) {
            failWithMessage("has_next must be page x page_size < total_count (expected %s, got %s)%n  page %d x "
                    + "page_size %d vs total_count %d", expectedNext, actual.hasNext(), page, size, total);
        }
        if (actual.hasPrev() != expectedPrev) {
            failWithMessage("has_prev must be page > 1 (expected %s, got %s)%n  page %d", expectedPrev, actual.hasPrev(), page);
        }
        if (actual.data().size() > size) {
            failWithMessage("a page must hold at most page_size items%n  page_size %d, %d items", size, actual.data().size());
        }
        return this;
    }

    /**
     * Exactly the page the contract describes for a listing of {@code totalCount} items:
     * {@code page}, {@code page_size} and {@code total_count} as given, {@code has_next} and
     * {@code has_prev} by the contract's formulas, and as many items as fall on that page
     * (none past the end). The expectations come from what the test seeded, never from the
     * response.
     */
    public PageAssert isPage(int page, int pageSize, long totalCount) {
        isNotNull();
        long expectedItems = Math.max(0, Math.min(pageSize, totalCount - (long) (page - 1) * pageSize));
        boolean expectedNext = (long) page * pageSize < totalCount;
        boolean expectedPrev = page > 1;
        int items = actual.data() == null ? -1 : actual.data().size();
        if (!Objects.equals(actual.page(), page) || !Objects.equals(actual.pageSize(), pageSize)
                || !Objects.equals(actual.totalCount(), totalCount) || !Objects.equals(actual.hasNext(), expectedNext)
                || !Objects.equals(actual.hasPrev(), expectedPrev) || items != expectedItems) {
            failWithMessage("the page is not the one the contract describes for the listing (%s)%n  expected page %d of "
                            + "page_size %d over total_count %d: %d item(s), has_next %s, has_prev %s;%n  got page %s, "
                            + "page_size %s, total_count %s, %s item(s), has_next %s, has_prev %s",
                    differences(page, pageSize, totalCount, expectedItems, expectedNext, expectedPrev, items),
                    page, pageSize, totalCount, expectedItems, expectedNext, expectedPrev,
                    actual.page(), actual.pageSize(), actual.totalCount(), items < 0 ? "no data," : items,
                    actual.hasNext(), actual.hasPrev());
        }
        return this;
    }

    /** Which fields differ, in the contract's names: the stable part of the message. */
    private String differences(int page, int pageSize, long totalCount, long expectedItems, boolean expectedNext,
                               boolean expectedPrev, int items) {
        java.util.List<String> differ = new java.util.ArrayList<>();
        if (!Objects.equals(actual.page(), page)) {
            differ.add("page");
        }
        if (!Objects.equals(actual.pageSize(), pageSize)) {
            differ.add("page_size");
        }
        if (!Objects.equals(actual.totalCount(), totalCount)) {
            differ.add("total_count");
        }
        if (items != expectedItems) {
            differ.add("data");
        }
        if (!Objects.equals(actual.hasNext(), expectedNext)) {
            differ.add("has_next");
        }
        if (!Objects.equals(actual.hasPrev(), expectedPrev)) {
            differ.add("has_prev");
        }
        return String.join(", ", differ) + (differ.size() == 1 ? " differs" : " differ");
    }
}
