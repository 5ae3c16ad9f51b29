package io.mtapi.harness.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.config.HttpClientConfig;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.time.Duration;

/**
 * Gives a bulk creation the time its size needs: every item costs the target a password
 * hash (about 0.25 s at bcrypt cost 12, one after another on a busy server), so a request
 * of 50 may rightly take longer than any single call. Its read timeout is the usual one
 * plus {@code perItem} for each item; other requests keep theirs.
 */
public final class BulkReadTimeout implements OrderedFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOCKET_TIMEOUT = "http.socket.timeout";

    private final Duration read;
    private final Duration perItem;

    public BulkReadTimeout(Duration read, Duration perItem) {
        this.read = read;
        this.perItem = perItem;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        int items = "POST".equals(request.getMethod()) && request.getURI().contains("/api/v1/users/bulk")
                ? items(request.getBody()) : 0;
        if (items > 0) {
            HttpClientConfig client = request.getConfig().getHttpClientConfig();
            long millis = read.plus(perItem.multipliedBy(items)).toMillis();
            request.config(request.getConfig().httpClient(client.setParam(SOCKET_TIMEOUT, (int) millis)));
        }
        return context.next(request, response);
    }

    private static int items(Object body) {
        if (!(body instanceof String text)) {
            return 0;
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed != null && parsed.isArray() ? parsed.size() : 0;
        } catch (java.io.IOException e) {
            return 0; // not JSON (a malformed-body probe): the usual timeout
        }
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
