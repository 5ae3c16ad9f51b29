package io.mtapi.harness.http;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Marks the requests of a specification whose test is after a 429 (the rate-limit suite's
 * unpaced callers, a login-throttling probe), so the {@link RequestLedger} counts their
 * 429s apart from the ones no test may ever see.
 */
final class ExpectsTooManyRequests implements OrderedFilter {

    static final String KEY = "harness.expectsTooManyRequests";

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        context.setValue(KEY, Boolean.TRUE);
        return context.next(request, responseSpec);
    }

    @Override
    public int getOrder() {
        // Outermost: the mark is set before the ledger (innermost) reads it.
        return Integer.MIN_VALUE;
    }
}
