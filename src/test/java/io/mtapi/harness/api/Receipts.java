package io.mtapi.harness.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the target confirmed to this run about sessions, from the answers that arrived:
 * registrations (201), tokens issued (login and refresh 200) and tokens ended (logout 200,
 * a refresh token spent by a refresh 200). A recovery compares what it finds on the target
 * with these receipts, so a state that held before the lost call is not taken for its effect:
 * a token that is refused after a lost logout was ended by that logout only if it was issued
 * to this run and not already ended; a login that works after a lost registration proves it
 * only if the account is not one this run registered before.
 *
 * <p>A pass-through filter in every specification of a session (like {@code Retries}), so
 * every client finds it with {@link #of(RequestSpecification)}.
 */
public final class Receipts implements OrderedFilter {

    private final Set<String> registeredAdmins = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedAccessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> issuedRefreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> endedTokens = ConcurrentHashMap.newKeySet();

    /** The receipts a specification carries; without any (a bare self-test spec), an empty set nobody shares. */
    static Receipts of(RequestSpecification spec) {
        if (spec instanceof FilterableRequestSpecification filterable) {
            return filterable.getDefinedFilters().stream().filter(Receipts.class::isInstance).map(Receipts.class::cast)
                    .findFirst().orElseGet(Receipts::new);
        }
        return new Receipts();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        // Bodies are read leniently: one that breaks the contract is reported by the schema check, not here.
        if (!"POST".equals(request.getMethod())) {
            return response;
        }
        int status = response.statusCode();
        switch (URI.create(request.getURI()).getRawPath()) {
            case "/auth/register" -> {
                if (status == 201) registered(Json.parse(response.asString()).path("admin_user_id").asText());
            }
            case "/auth/login" -> {
                if (status == 200) issued(Json.parse(response.asString()));
            }
            case "/auth/refresh" -> {
                if (status == 200) {
                    issued(Json.parse(response.asString()));
                    ended(presentedRefreshToken(request));
                }
            }
            case "/auth/logout" -> {
                if (status == 200) ended(bearer(request.getHeaders().getValue("Authorization")));
            }
            default -> {
                // not about sessions
            }
        }
        return response;
    }

    @Override
    public int getOrder() {
        // Anywhere: it only reads the answer.
        return Integer.MIN_VALUE + 1;
    }

    /** Records a registration; false if this run already held it (its answer arrived before). */
    boolean registered(String adminUserId) {
        return !adminUserId.isEmpty() && registeredAdmins.add(adminUserId);
    }

    void ended(String token) {
        if (token != null) endedTokens.add(token);
    }

    /** An access token the target issued to this run and no answer has ended since. */
    boolean liveAccessToken(String token) {
        return issuedAccessTokens.contains(token) && !endedTokens.contains(token);
    }

    /** A refresh token the target issued to this run and no refresh answered 200 for since. */
    boolean liveRefreshToken(String token) {
        return issuedRefreshTokens.contains(token) && !endedTokens.contains(token);
    }

    private void issued(JsonNode pair) {
        if (pair.path("access_token").isTextual()) issuedAccessTokens.add(pair.path("access_token").asText());
        if (pair.path("refresh_token").isTextual()) issuedRefreshTokens.add(pair.path("refresh_token").asText());
    }

    private static String presentedRefreshToken(FilterableRequestSpecification request) {
        Object body = request.getBody();
        if (!(body instanceof String text)) {
            return null; // a raw probe body: not a token this run holds
        }
        JsonNode token = Json.parse(text).path("refresh_token");
        return token.isTextual() ? token.asText() : null;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : null;
    }
}
