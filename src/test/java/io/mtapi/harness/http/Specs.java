package io.mtapi.harness.http;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.http.client.HttpClient;
import org.apache.http.entity.mime.HttpMultipartMode;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Builds REST Assured specifications for one target: base URI, timeouts and the
 * harness filters. Nothing here touches {@code RestAssured.*} statics, so specs of
 * different tenants (and of different targets) live side by side in parallel tests.
 *
 * <pre>{@code
 * RequestSpecification admin = specs.bearer(tokens.accessToken());
 * given(admin).get("/api/v1/users");
 * }</pre>
 */
public final class Specs {

    private final URI baseUrl;
    private final RestAssuredConfig config;
    private final List<Filter> filters;
    private final Filter pacer;
    private final Transport transport;

    /**
     * @param filters filters of every request (reporting, counting)
     * @param pacer   the client-side rate-limit mirror, added to authenticated specs unless unpaced
     */
    public Specs(URI baseUrl, Duration connectTimeout, Duration readTimeout, List<Filter> filters, Filter pacer) {
        this(baseUrl, connectTimeout, readTimeout, filters, pacer, Transport.DIRECT);
    }

    /** @param transport trusted certificates and proxy of every request */
    public Specs(URI baseUrl, Duration connectTimeout, Duration readTimeout, List<Filter> filters, Filter pacer,
                 Transport transport) {
        this.baseUrl = baseUrl;
        this.filters = List.copyOf(filters);
        this.pacer = pacer;
        this.transport = transport;
        // RFC 6532: multipart part headers in UTF-8, as browsers send them; the default (strict
        // MIME) sends a non-ASCII file name as '?'.
        this.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .httpClientFactory(Specs::clientWithoutHiddenRetries)
                .httpMultipartMode(HttpMultipartMode.RFC6532)
                .setParam("http.connection.timeout", (int) connectTimeout.toMillis())
                .setParam("http.socket.timeout", (int) readTimeout.toMillis())
                .setParam("http.connection-manager.timeout", connectTimeout.toMillis()))
                .sslConfig(transport.ssl());
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** Trust and proxy of every request: what another client of the run (the load tier's Gatling) must use too. */
    public Transport transport() {
        return transport;
    }

    /** No credentials: for /health and /auth/*, and for probing what an anonymous caller gets. */
    public RequestSpecification anonymous() {
        return builder().build();
    }

    /** Authenticated with {@code Authorization: Bearer <token>}, paced to stay inside the rate limit. */
    public RequestSpecification bearer(String accessToken) {
        return withAuthorization("Bearer " + accessToken);
    }

    /** Authenticated but not paced: for the rate-limit suite, which must meet the limit. Its 429s count as provoked. */
    public RequestSpecification bearerUnpaced(String accessToken) {
        return builder().addFilter(new ExpectsTooManyRequests()).addHeader("Authorization", "Bearer " + accessToken).build();
    }

    /**
     * No credentials, for a probe that is after a 429 (login throttling): its 429s are
     * counted as provoked, apart from the ones no test may see.
     */
    public RequestSpecification anonymousThrottleProbe() {
        return builder().addFilter(new ExpectsTooManyRequests()).build();
    }

    /** Any Authorization header value (malformed ones included), paced. */
    public RequestSpecification withAuthorization(String headerValue) {
        return builder().addFilter(pacer).addHeader("Authorization", headerValue).build();
    }

    /**
     * REST Assured's client, timing each answer ({@link WireTime}), minus the retries Apache HttpClient
     * makes by itself (a GET or DELETE that met no answer is re-sent up to three times): they happen out of sight of {@link Retries},
     * its policy, its report steps and its counts. REST Assured opens a new connection per request,
     * so there is no stale pooled connection for them to paper over.
     */
    @SuppressWarnings("deprecation") // the client type REST Assured itself creates
    private static HttpClient clientWithoutHiddenRetries() {
        DefaultHttpClient client = new DefaultHttpClient();
        client.setHttpRequestRetryHandler(new DefaultHttpRequestRetryHandler(0, false));
        client.addRequestInterceptor(WireTime.SENT);
        client.addResponseInterceptor(WireTime.ANSWERED);
        return client;
    }

    private RequestSpecBuilder builder() {
        RequestSpecBuilder builder = new RequestSpecBuilder()
                .setBaseUri(baseUrl.toString())
                .setConfig(config)
                .setAccept(ContentType.JSON)
                .addFilters(filters);
        transport.proxyFor(baseUrl).ifPresent(builder::setProxy);
        return builder;
    }
}
