package io.mtapi.harness.suites.pagination;

import java.util.Map;

/**
 * Query values outside CONTRACT.md section 4 ({@code page} starts at 1, {@code page_size}
 * at least 1, both integers): each must be refused with 422, on every listing.
 */
enum QueryBound {
    PAGE_ZERO("page", "0"),
    PAGE_NEGATIVE("page", "-1"),
    PAGE_NOT_AN_INTEGER("page", "two"),
    PAGE_SIZE_ZERO("page_size", "0"),
    PAGE_SIZE_NOT_AN_INTEGER("page_size", "ten"),
    PAGE_SIZE_DECIMAL("page_size", "2.5");

    private final String parameter;
    private final String value;

    QueryBound(String parameter, String value) {
        this.parameter = parameter;
        this.value = value;
    }

    String parameter() {
        return parameter;
    }

    Map<String, ?> query() {
        return Map.of(parameter, value);
    }

    @Override
    public String toString() {
        return parameter + "=" + value;
    }
}
