package io.mtapi.harness.checks;

import io.mtapi.harness.api.Page;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a page object (CONTRACT.md section 4). */
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
            failWithMessage("expected has_next %s (page %d x page_size %d vs total_count %d), got %s",
                    expectedNext, page, size, total, actual.hasNext());
        }
        if (actual.hasPrev() != expectedPrev) {
            failWithMessage("expected has_prev %s on page %d, got %s", expectedPrev, page, actual.hasPrev());
        }
        if (actual.data().size() > size) {
            failWithMessage("expected at most page_size %d items, got %d", size, actual.data().size());
        }
        return this;
    }
}
