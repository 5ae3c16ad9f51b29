package io.mtapi.harness.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTParser;
import io.mtapi.harness.data.SampleFile;
import io.mtapi.harness.http.Recovery;
import io.mtapi.harness.tokens.Jwt;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;
import org.apache.http.impl.EnglishReasonPhraseCatalog;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * How each contract call finds out, read-only, whether the target applied it when the answer was
 * lost (see {@link Recovery}). Applied: the target's own current representation, fetched with GETs,
 * stands in for the lost answer under the contract's success status, and what was created goes under
 * the tracker. Not applied: re-sent. What existed before the lost call (a user the tracker held, a
 * token already ended, an account registered earlier) never counts as its effect.
 *
 * <table>
 * <tr><th>call</th><th>check</th><th>applied when</th></tr>
 * <tr><td>POST /auth/login</td><td>none: re-sent</td><td>-</td></tr>
 * <tr><td>POST /auth/register</td><td>log in with its credentials</td><td>200, and not an account registered before</td></tr>
 * <tr><td>POST /api/v1/users, /bulk</td><td>page through GET /api/v1/users</td><td>every username there, none tracked before</td></tr>
 * <tr><td>POST /api/v1/files/upload</td><td>page through GET /api/v1/files</td><td>a file of that name and size, not tracked before</td></tr>
 * <tr><td>POST /auth/logout</td><td>GET /api/v1/users with the same token</td><td>401, and the token was live</td></tr>
 * <tr><td>POST /auth/refresh</td><td>none possible (rotation): re-sent</td><td>a 401 to the re-send: answer lost, test aborted</td></tr>
 * <tr><td>DELETE /api/v1/files/{id}</td><td>GET /api/v1/files/{id}</td><td>404, and the file was there</td></tr>
 * <tr><td>DELETE /api/v1/users/{id} of the caller itself</td><td>GET /api/v1/users/{id}</td><td>401 with a live token: the caller deactivated itself</td></tr>
 * </table>
 */
final class Recoveries {

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;
    private static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(62);

    /**
     * A login creates nothing a re-send could duplicate or collide with: the re-send issues another
     * token pair and the lost one is never used. (A refused login counts one more failed attempt
     * towards login throttling, which only brings a throttle one attempt closer.)
     */
    static final Recovery LOGIN = () -> Recovery.resend("no check needed: a login changes no state a re-send depends on");

    private Recoveries() {
    }

    /**
     * {@code POST /api/v1/users} (one item) or {@code /bulk}: applied when every item's user is in the
     * caller's tenant and the tracker did not hold any of them. Items are found by username, or by email
     * when they have none. An item with neither (not even an object) can create no user a check could
     * find; a bulk of only such items, or a single one, cannot be checked.
     */
    static Recovery usersCreated(Calls calls, ResourceTracker tracker, List<JsonNode> all, boolean bulk) {
        List<JsonNode> items = all.stream().filter(item -> key(item) != null).toList();
        if (items.isEmpty()) {
            return Recovery.NONE;
        }
        String names = items.stream().map(Recoveries::key).collect(Collectors.joining(", "));
        return () -> {
            Optional<Listing> listing = listing(calls, UsersApi.USERS, "UserPage");
            if (listing.isEmpty()) {
                return refused();
            }
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode item : items) {
                listing.get().items().stream().filter(user -> matches(item, user)).findFirst().ifPresent(found::add);
            }
            if (found.size() < items.size()) {
                return Recovery.resend("checked: not applied (" + (found.isEmpty() ? "no" : "not every") + " user "
                        + names + " in the tenant's listing)");
            }
            if (!found.stream().allMatch(user -> tracker.adoptUser(user.path("id").asText()))) {
                return Recovery.resend("checked: not applied (user " + names + " is in the tenant's listing, but it "
                        + "was created before, by a call whose answer arrived)");
            }
            JsonNode body = bulk ? Json.treeOf(found) : found.get(0);
            return Recovery.adopt("checked: applied (user " + names + " is in the tenant's listing, created by no "
                    + "other call)", answer(listing.get().last(), 201, body.toString()));
        };
    }

    /** {@code POST /api/v1/files/upload}: applied when a file of that size and name is in the caller's tenant and untracked. */
    static Recovery fileUploaded(Calls calls, ResourceTracker tracker, SampleFile file) {
        return () -> {
            Optional<Listing> listing = listing(calls, FilesApi.FILES, "FilePage");
            if (listing.isEmpty()) {
                return refused();
            }
            for (JsonNode stored : listing.get().items()) {
                if (stored.path("size_bytes").asLong(-1) == file.size() && sameName(file.filename(), stored.path("filename").asText())
                        && tracker.adoptFile(stored.path("id").asText())) {
                    return Recovery.adopt("checked: applied (" + file + " is in the tenant's listing, uploaded by no "
                            + "other call)", answer(listing.get().last(), 201, stored.toString()));
                }
            }
            return Recovery.resend("checked: not applied (no untracked file " + file + " in the tenant's listing)");
        };
    }

    /**
     * {@code POST /auth/register}: applied when the registration's credentials log in and the account is
     * not one this run registered before (a duplicate-username probe reusing a password must meet its 409).
     * The 201 body is rebuilt from the access token's claims ({@code tenant_id}, {@code user_id}).
     */
    static Recovery registered(Calls calls, JsonNode body) {
        JsonNode username = body.path("admin_username");
        JsonNode password = body.path("admin_password");
        if (!username.isTextual() || !password.isTextual()) {
            return Recovery.NONE;
        }
        return () -> {
            ApiResponse login = calls.send("POST", "/auth/login", "TokenPair",
                    AuthApi.json(Map.of("username", username.asText(), "password", password.asText())), LOGIN);
            if (login.status() == 401 || login.status() == 403) {
                return Recovery.resend("checked: not applied (admin " + username.asText() + " "
                        + (login.status() == 401 ? "cannot log in" : "exists but is deactivated, so it was registered before")
                        + ")");
            }
            if (login.status() != 200) {
                return Recovery.lost("the login check answered " + login.status());
            }
            Map<String, Object> claims = Jwt.claims(login.json().path("access_token").asText());
            String adminId = String.valueOf(claims.get("user_id"));
            if (!Receipts.of(calls.spec()).registered(adminId)) {
                return Recovery.resend("checked: not applied (admin " + username.asText() + " logs in, but this run "
                        + "registered that account before)");
            }
            String rebuilt = Json.write(Map.of("message", "Tenant registered (answer lost; rebuilt by the harness from "
                    + "the admin's access token)", "tenant_id", String.valueOf(claims.get("tenant_id")), "admin_user_id", adminId));
            return Recovery.adopt("checked: applied (admin " + username.asText() + " logs in, an account this run had "
                    + "not registered)", answer(login, 201, rebuilt));
        };
    }

    /** {@code POST /auth/logout}: applied when the token presented, live before, is refused now. */
    static Recovery loggedOut(Calls calls) {
        String token = bearer(calls);
        if (token == null) {
            return () -> Recovery.resend("checked: not applied (no bearer token, nothing to log out)");
        }
        return () -> {
            Receipts receipts = Receipts.of(calls.spec());
            boolean live = receipts.liveAccessToken(token);
            ApiResponse probe = outlastingRateLimits(() -> calls.send("GET", UsersApi.USERS, "UserPage",
                    r -> r.queryParam("page_size", 1)));
            if (probe.status() == 401 && live) {
                receipts.ended(token);
                return Recovery.adopt("checked: applied (the token presented, live before, is now refused 401)",
                        answer(probe, 200, Json.write(Map.of("message", "Logged out (answer lost; the token is refused now)"))));
            }
            return Recovery.resend("checked: not applied (GET " + UsersApi.USERS + " with the same token answered "
                    + probe.status() + (probe.status() == 401 ? ", but it was no live token of this run" : "") + ")");
        };
    }

    /**
     * {@code POST /auth/refresh}: rotation makes it uncheckable without spending the token, so it is
     * re-sent. If the token was live and the re-send is refused 401, the lost attempt had rotated it:
     * the answer (the new pair) is gone for good and the test is aborted. A 401 for a token this run
     * never held live (expired, forged, already spent) is the re-send's own honest answer.
     */
    static Recovery refreshed(Calls calls, String refreshToken) {
        return () -> {
            boolean live = Receipts.of(calls.spec()).liveRefreshToken(refreshToken);
            return Recovery.resend(live ? "unchecked (rotation: only spending the token can tell)"
                            : "unchecked (not a live refresh token of this run: a 401 to the re-send is its own answer)",
                    answer -> live && answer.statusCode() == 401,
                    "the target had already rotated the refresh token, so the new token pair it issued is lost "
                            + "(CONTRACT.md section 2: a refresh token works once)");
        };
    }

    /** {@code DELETE /api/v1/files/{id}}: applied when the file the tracker held is gone (404). */
    static Recovery fileDeleted(Calls calls, ResourceTracker tracker, String id) {
        return () -> {
            ApiResponse probe = outlastingRateLimits(() -> calls.send("GET", FilesApi.FILE, null, r -> r.accept("*/*"), id));
            if (probe.status() == 404 && tracker.holdsFile(id)) {
                return Recovery.adopt("checked: applied (file " + id + ", there before, is gone)", answer(probe, 204, ""));
            }
            return Recovery.resend("checked: not applied (GET of file " + id + " answered " + probe.status() + ")");
        };
    }

    /**
     * {@code DELETE /api/v1/users/{id}}: re-sending deactivates again, harmlessly (no recovery needed),
     * except when callers deactivate themselves: their token then answers 401. Applied when the caller's
     * live token is refused now.
     */
    static Recovery userDeactivated(Calls calls, String id) {
        String token = bearer(calls);
        if (!id.equals(userIdOf(token))) {
            return Recovery.NONE;
        }
        return () -> {
            boolean live = token != null && Receipts.of(calls.spec()).liveAccessToken(token);
            ApiResponse probe = outlastingRateLimits(() -> calls.send("GET", UsersApi.USER, "User", id));
            if (probe.status() == 401 && live) {
                return Recovery.adopt("checked: applied (the caller's live token is refused now: it deactivated itself)",
                        answer(probe, 204, ""));
            }
            return Recovery.resend("checked: re-sending is safe (GET of user " + id + " answered " + probe.status() + ")");
        };
    }

    /**
     * A check's own call, asked again once its 429 has passed (X-RateLimit-Reset, at most a minute away):
     * a check must answer, and the budget it met may be one that the rate-limit suite spends on purpose
     * with the same user. Waiting polls the clock, never sleeps.
     */
    private static ApiResponse outlastingRateLimits(Supplier<ApiResponse> call) {
        ApiResponse response = call.get();
        for (int tries = 0; tries < 3 && response.status() == 429; tries++) {
            Instant reset = resetOf(response);
            if (reset == null || reset.isAfter(Instant.now().plus(MAX_RATE_LIMIT_WAIT))) {
                return response;
            }
            // Whole seconds: the slot may free up to a second after the moment the header names (CONTRACT.md 7).
            Instant free = reset.plusSeconds(1);
            await("X-RateLimit-Reset (" + reset + ") of " + response.request()).atMost(MAX_RATE_LIMIT_WAIT.plusSeconds(1))
                    .pollInterval(Duration.ofMillis(50)).until(() -> !Instant.now().isBefore(free));
            response = call.get();
        }
        return response;
    }

    private static Instant resetOf(ApiResponse refused) {
        String reset = refused.header("X-RateLimit-Reset");
        if (reset == null || !reset.trim().matches("\\d{1,12}")) {
            return null; // no usable reset: the check gives up on this call
        }
        return Instant.ofEpochSecond(Long.parseLong(reset.trim()));
    }

    /** The answers of a walk through a paged listing: every item, and the last page's response. */
    private record Listing(List<JsonNode> items, ApiResponse last) {
    }

    /** Every item of the caller's paged listing; empty when the caller's credentials are refused (401). */
    private static Optional<Listing> listing(Calls calls, String path, String schema) {
        List<JsonNode> items = new ArrayList<>();
        ApiResponse page = null;
        for (int number = 1; number <= MAX_PAGES; number++) {
            int current = number;
            page = outlastingRateLimits(() -> calls.send("GET", path, schema,
                    r -> r.queryParam("page", current).queryParam("page_size", PAGE_SIZE)));
            if (page.status() == 401) {
                return Optional.empty();
            }
            if (page.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + page.status() + ": " + page.describe());
            }
            JsonNode body = page.json();
            body.path("data").forEach(items::add);
            if (!body.path("has_next").asBoolean(false) || body.path("data").isEmpty()) {
                break;
            }
        }
        return Optional.of(new Listing(items, page));
    }

    /** A listing refused 401 with the caller's own credentials: the creation was refused the same way. */
    private static Recovery.Verdict refused() {
        return Recovery.resend("checked: not applied (the caller's credentials are refused (401), so nothing was created)");
    }

    /** The field an item is found by: its username, or its email when it has none. */
    private static String key(JsonNode item) {
        JsonNode username = item.path("username");
        JsonNode email = item.path("email");
        return username.isValueNode() && !username.isNull() ? username.asText()
                : email.isValueNode() && !email.isNull() ? email.asText() : null;
    }

    private static boolean matches(JsonNode item, JsonNode user) {
        JsonNode username = item.path("username");
        return username.isValueNode() && !username.isNull() ? username.asText().equals(user.path("username").asText())
                : item.path("email").asText().equalsIgnoreCase(user.path("email").asText());
    }

    /** The stored name is the one sent, or the part of it after a path a target strips. */
    private static boolean sameName(String sent, String stored) {
        return !stored.isEmpty() && (sent.equals(stored) || sent.endsWith("/" + stored) || sent.endsWith("\\" + stored));
    }

    /** The {@code user_id} claim of a bearer token, or null when it is none or no JWT (a forged or garbled credential). */
    private static String userIdOf(String token) {
        if (token == null) {
            return null;
        }
        try {
            Object userId = JWTParser.parse(token).getJWTClaimsSet().getClaim("user_id");
            return userId == null ? null : userId.toString();
        } catch (ParseException e) {
            return null; // not a JWT: such a caller deactivates nobody, itself included
        }
    }

    private static String bearer(Calls calls) {
        return Receipts.bearer(calls.authorization());
    }

    /** The target's representation under the status the lost answer had, with the headers of the call that fetched it. */
    private static Response answer(ApiResponse fetchedBy, int status, String body) {
        return new ResponseBuilder().clone(fetchedBy.raw()).setStatusCode(status)
                .setStatusLine("HTTP/1.1 " + status + " " + EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ROOT))
                .setBody(body).build();
    }
}
