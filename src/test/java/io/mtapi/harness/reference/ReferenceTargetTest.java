package io.mtapi.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reference target keeps the contract: the main flows, checked with a plain HTTP client. */
@Tag("selftest")
class ReferenceTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int MAX_FILE = 4096;

    private static ReferenceTarget target;
    private static ReferenceTarget limited; // tiny rate-limit budget and window

    @BeforeAll
    static void start() {
        target = ReferenceTarget.start(ReferenceSettings.defaults().withMaxFileBytes(MAX_FILE));
        limited = ReferenceTarget.start(ReferenceSettings.defaults().withRateLimit(2, Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() {
        target.close();
        limited.close();
    }

    // ---- client helpers ----

    record Res(int status, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + new String(raw.body(), StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    record Tenant(String tenantId, String adminId, String username, String access, String refresh) {}

    static Res call(ReferenceTarget t, String method, String path, String token, Object body) {
        try {
            var b = HttpRequest.newBuilder(URI.create(t.baseUrl() + path));
            if (token != null) b.header("Authorization", "Bearer " + token);
            if (body != null) b.header("Content-Type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    static Res call(String method, String path, String token, Object body) {
        return call(target, method, path, token, body);
    }

    /** The test client builds multipart itself; the server side uses Jetty's parser. */
    static Res upload(String token, String filename, String contentType, byte[] content) {
        return upload(target, token, filename, contentType, content);
    }

    static Res upload(ReferenceTarget t, String token, String filename, String contentType, byte[] content) {
        String boundary = "b" + UUID.randomUUID();
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename.replace("\"", "\\\"")
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        try {
            var req = HttpRequest.newBuilder(URI.create(t.baseUrl() + "/api/v1/files/upload"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
            HttpResponse<byte[]> r = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Res(r.statusCode(), r);
        } catch (Exception e) {
            throw new AssertionError("upload", e);
        }
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static Tenant newTenant(ReferenceTarget t) {
        String name = unique("adm");
        Res reg = call(t, "POST", "/auth/register", null, Map.of("tenant_name", unique("tenant-"),
                "admin_email", name + "@example.com", "admin_username", name, "admin_password", "s3cret-pass"));
        assertThat(reg.status()).as(reg.json().toString()).isEqualTo(201);
        Res login = call(t, "POST", "/auth/login", null, Map.of("username", name, "password", "s3cret-pass"));
        assertThat(login.status()).isEqualTo(200);
        return new Tenant(reg.json().get("tenant_id").asText(), reg.json().get("admin_user_id").asText(), name,
                login.json().get("access_token").asText(), login.json().get("refresh_token").asText());
    }

    static Map<String, Object> newUser(String role) {
        String name = unique("u");
        return Map.of("username", name, "email", name + "@example.com", "full_name", "User " + name, "role", role);
    }

    static String mint(ReferenceTarget t, Map<String, Object> claims, Duration ttl) {
        try {
            var b = new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plus(ttl)));
            claims.forEach(b::claim);
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), b.build());
            jwt.sign(new MACSigner(t.settings().jwtSecret().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String accessFor(JsonNode user, String role, Duration ttl) {
        return mint(target, Map.of("user_id", user.get("id").asText(), "tenant_id", user.get("tenant_id").asText(),
                "username", user.get("username").asText(), "role", role, "type", "access"), ttl);
    }

    // ---- tests ----

    @Test
    void reference_http_rejectUpgrade_answers_an_h2c_upgrade_request_400_and_plain_http_1_1_200() throws Exception {
        try (ReferenceTarget strict = ReferenceTarget.start(ReferenceSettings.defaults().withRejectUpgrade(true))) {
            URI health = URI.create(strict.baseUrl() + "/health");
            // java.net.http's default (HTTP/2) asks an http:// server for an upgrade to h2c.
            HttpResponse<String> upgrade = HttpClient.newHttpClient().send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upgrade.statusCode()).as("GET /health asking for h2c").isEqualTo(400);
            assertThat(upgrade.body()).contains("Unsupported upgrade request");
            assertThat(call(strict, "GET", "/health", null, null).status()).as("GET /health over HTTP/1.1").isEqualTo(200);
        }
    }

    @Test
    void register_login_create_get_and_list_users() {
        Tenant a = newTenant(target);
        Res created = call("POST", "/api/v1/users", a.access(), Map.of("username", unique("bob"), "email",
                unique("b") + "@Example.com", "full_name", "Bob", "tenant_id", "evil", "is_active", false, "password_hash", "x"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode user = created.json();
        assertThat(user.get("tenant_id").asText()).isEqualTo(a.tenantId());
        assertThat(user.get("is_active").asBoolean()).isTrue();
        assertThat(user.get("role").asText()).isEqualTo("user");
        assertThat(iterable(user.fieldNames())).containsExactlyInAnyOrder("id", "tenant_id", "username", "email",
                "full_name", "role", "created_at", "updated_at", "is_active");
        assertThat(user.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");

        Res got = call("GET", "/api/v1/users/" + user.get("id").asText(), a.access(), null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(user);

        Res list = call("GET", "/api/v1/users", a.access(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("total_count").asInt()).isEqualTo(2);
        assertThat(list.header("X-RateLimit-Limit")).isEqualTo("10");
        assertThat(list.json().get("data").findValuesAsText("tenant_id")).containsOnly(a.tenantId());

        Res dup = call("POST", "/api/v1/users", a.access(), Map.of("username", user.get("username").asText(),
                "email", unique("x") + "@example.com", "full_name", "Dup"));
        assertThat(dup.status()).isEqualTo(409);
        Res dupEmail = call("POST", "/api/v1/users", a.access(), Map.of("username", unique("y"),
                "email", user.get("email").asText().toUpperCase(), "full_name", "Dup"));
        assertThat(dupEmail.status()).isEqualTo(409);
    }

    @Test
    void update_keeps_role_and_soft_delete_hides_user_and_kills_its_tokens() {
        Tenant a = newTenant(target);
        JsonNode user = call("POST", "/api/v1/users", a.access(), newUser("user")).json();
        String path = "/api/v1/users/" + user.get("id").asText();
        String userToken = accessFor(user, "user", Duration.ofMinutes(5));
        assertThat(call("GET", "/api/v1/users", userToken, null).status()).isEqualTo(200);

        Res put = call("PUT", path, a.access(), Map.of("full_name", "Renamed", "role", "admin"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("full_name").asText()).isEqualTo("Renamed");
        assertThat(put.json().get("role").asText()).isEqualTo("user");
        assertThat(put.json().get("created_at")).isEqualTo(user.get("created_at"));
        assertThat(put.json().get("updated_at").asText()).isGreaterThan(user.get("updated_at").asText());

        assertThat(call("DELETE", path, a.access(), null).status()).isEqualTo(204);
        assertThat(call("GET", path, a.access(), null).json().get("is_active").asBoolean()).isFalse();
        assertThat(call("GET", "/api/v1/users", a.access(), null).json().get("total_count").asInt()).isEqualTo(1);
        assertThat(call("GET", "/api/v1/users?active_only=false", a.access(), null).json().get("total_count").asInt()).isEqualTo(2);
        assertThat(call("GET", "/api/v1/users", userToken, null).status()).isEqualTo(401);
    }

    @Test
    void bad_credentials_are_401_with_bearer_challenge() {
        Tenant a = newTenant(target);
        String[] payload = a.access().split("\\.");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + payload[1] + ".";
        String expired = mint(target, Map.of("user_id", a.adminId(), "tenant_id", a.tenantId(), "type", "access",
                "role", "admin", "username", a.username()), Duration.ofMinutes(-1));
        String tampered = payload[0] + "." + payload[1] + "." + new StringBuilder(payload[2]).reverse();
        for (String header : new String[]{null, "Basic " + a.access(), "Bearer", "Bearer " + a.access() + " extra",
                "Bearer " + unsigned, "Bearer " + expired, "Bearer " + tampered, "Bearer " + a.refresh()}) {
            var b = HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/users"));
            if (header != null) b.header("Authorization", header);
            try {
                HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(r.statusCode()).as(String.valueOf(header)).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        Res wrongPassword = call("POST", "/auth/login", null, Map.of("username", a.username(), "password", "wrong-pass"));
        Res unknownUser = call("POST", "/auth/login", null, Map.of("username", unique("nobody"), "password", "wrong-pass"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json()).isEqualTo(unknownUser.json());
    }

    @Test
    void refresh_rotates_and_logout_revokes_the_presented_token() {
        Tenant a = newTenant(target);
        Res refreshed = call("POST", "/auth/refresh", null, Map.of("refresh_token", a.refresh()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(refreshed.json().get("expires_in").asInt()).isEqualTo(1800);
        assertThat(call("POST", "/auth/refresh", null, Map.of("refresh_token", a.refresh())).status()).isEqualTo(401);
        assertThat(call("POST", "/auth/refresh", null, Map.of("refresh_token", a.access())).status()).isEqualTo(401);
        String newRefresh = refreshed.json().get("refresh_token").asText();
        assertThat(call("POST", "/auth/refresh", null, Map.of("refresh_token", newRefresh)).status()).isEqualTo(200);

        assertThat(call("POST", "/auth/logout", a.access(), null).status()).isEqualTo(200);
        Res after = call("GET", "/api/v1/users", a.access(), null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(call("GET", "/api/v1/users", refreshed.json().get("access_token").asText(), null).status()).isEqualTo(200);
    }

    @Test
    void another_tenants_objects_are_404_like_unknown_ids() {
        Tenant a = newTenant(target);
        Tenant b = newTenant(target);
        String userId = call("POST", "/api/v1/users", a.access(), newUser("user")).json().get("id").asText();
        String fileId = upload(a.access(), "a.txt", "text/plain", "secret".getBytes(StandardCharsets.UTF_8)).json().get("id").asText();
        Res unknownUser = call("GET", "/api/v1/users/" + UUID.randomUUID(), b.access(), null);
        Res unknownFile = call("GET", "/api/v1/files/" + UUID.randomUUID(), b.access(), null);
        for (String method : List.of("GET", "DELETE")) {
            Res u = call(method, "/api/v1/users/" + userId, b.access(), null);
            Res f = call(method, "/api/v1/files/" + fileId, b.access(), null);
            assertThat(u.status()).isEqualTo(404);
            assertThat(u.json()).isEqualTo(unknownUser.json());
            assertThat(f.status()).isEqualTo(404);
            assertThat(f.json()).isEqualTo(unknownFile.json());
        }
        assertThat(call("PUT", "/api/v1/users/" + userId, b.access(), Map.of("full_name", "x")).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/users/..%2F" + "x".repeat(5000), b.access(), null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/users", b.access(), null).json().get("data").findValuesAsText("id")).doesNotContain(userId);
        assertThat(call("GET", "/api/v1/files", b.access(), null).json().get("total_count").asInt()).isZero();
        assertThat(call("GET", "/api/v1/users/" + userId, a.access(), null).status()).isEqualTo(200);
    }

    @Test
    void upload_and_download_exact_bytes_within_limits() {
        Tenant a = newTenant(target);
        byte[] png = new byte[MAX_FILE];
        new Random(42).nextBytes(png);
        Res up = upload(a.access(), "../../etc/pic\".png", "image/png", png);
        assertThat(up.status()).isEqualTo(201);
        JsonNode meta = up.json();
        assertThat(meta.get("size_bytes").asInt()).isEqualTo(MAX_FILE);
        assertThat(meta.get("filename").asText()).isEqualTo("pic\".png");
        assertThat(meta.get("uploaded_by").asText()).isEqualTo(a.adminId());

        Res down = call("GET", "/api/v1/files/" + meta.get("id").asText(), a.access(), null);
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.raw().body()).isEqualTo(png);
        assertThat(down.header("Content-Type")).isEqualTo("image/png");
        assertThat(down.header("Content-Disposition")).isEqualTo("attachment; filename=\"pic\\\".png\"");

        Res text = upload(a.access(), "notes.csv", "TEXT/CSV; charset=utf-8", "a,b\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text.json().get("content_type").asText()).isEqualTo("text/csv");
        Res textDown = call("GET", "/api/v1/files/" + text.json().get("id").asText(), a.access(), null);
        assertThat(textDown.header("Content-Type")).isEqualTo("text/csv");

        assertThat(upload(a.access(), "big.png", "image/png", new byte[MAX_FILE + 1]).status()).isEqualTo(413);
        assertThat(upload(a.access(), "x.sh", "application/x-sh", new byte[10]).status()).isEqualTo(415);
        assertThat(call("POST", "/api/v1/files/upload", a.access(), Map.of()).status()).isEqualTo(422);

        assertThat(call("GET", "/api/v1/files", a.access(), null).json().get("total_count").asInt()).isEqualTo(2);
        assertThat(call("DELETE", "/api/v1/files/" + meta.get("id").asText(), a.access(), null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/files/" + meta.get("id").asText(), a.access(), null).status()).isEqualTo(404);
    }

    @Test
    void invalid_input_is_422_in_fastapi_shape() {
        Res reg = call("POST", "/auth/register", null, Map.of("tenant_name", "ab", "admin_email", "not-an-email",
                "admin_username", 12345));
        assertThat(reg.status()).isEqualTo(422);
        assertThat(reg.json().get("detail").findValuesAsText("type"))
                .containsExactly("string_too_short", "value_error", "string_type", "missing");
        assertThat(reg.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"tenant_name\"]");
        assertThat(call("POST", "/auth/login", null, "{not json").json().get("detail").get(0).get("type").asText()).isEqualTo("json_invalid");
        assertThat(call("POST", "/auth/login", null, Map.of("username", "x")).status()).isEqualTo(422);

        Tenant a = newTenant(target);
        Res q = call("GET", "/api/v1/users?page=0&page_size=101", a.access(), null);
        assertThat(q.status()).isEqualTo(422);
        assertThat(q.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"query\",\"page\"]");
        assertThat(q.json().get("detail").get(1).get("loc").toString()).isEqualTo("[\"query\",\"page_size\"]");
        Res role = call("POST", "/api/v1/users", a.access(), Map.of("username", unique("r"), "email", unique("r") + "@x.io",
                "full_name", "R", "role", "root"));
        assertThat(role.status()).isEqualTo(422);
        assertThat(call("GET", "/nowhere", null, null).json().get("detail").asText()).isEqualTo("Not Found");
        assertThat(call("PATCH", "/api/v1/users/x", a.access(), Map.of()).status()).isEqualTo(405);
    }

    @Test
    void bulk_is_all_or_nothing_and_pages_walk_every_user_once() {
        Tenant a = newTenant(target);
        List<Map<String, Object>> batch = new ArrayList<>();
        IntStream.range(0, 24).forEach(i -> batch.add(newUser("user")));
        var withDuplicate = new ArrayList<>(batch.subList(0, 3));
        withDuplicate.add(batch.get(0));
        assertThat(call("POST", "/api/v1/users/bulk", a.access(), withDuplicate).status()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/users/bulk", a.access(), java.util.Collections.nCopies(51, newUser("user"))).status()).isEqualTo(400);
        Res invalidItem = call("POST", "/api/v1/users/bulk", a.access(), List.of(newUser("user"), Map.of("username", "ok-name")));
        assertThat(invalidItem.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",1,\"email\"]");
        assertThat(call("GET", "/api/v1/users", a.access(), null).json().get("total_count").asInt()).isEqualTo(1);

        Res bulk = call("POST", "/api/v1/users/bulk", a.access(), batch);
        assertThat(bulk.status()).isEqualTo(201);
        assertThat(bulk.json().findValuesAsText("username"))
                .containsExactlyElementsOf(batch.stream().map(m -> (String) m.get("username")).toList());

        var seen = new HashSet<String>();
        JsonNode page;
        int n = 0;
        do {
            page = call("GET", "/api/v1/users?page_size=10&page=" + ++n, a.access(), null).json();
            assertThat(page.get("page").asInt()).isEqualTo(n);
            assertThat(page.get("total_count").asInt()).isEqualTo(25);
            assertThat(page.get("has_prev").asBoolean()).isEqualTo(n > 1);
            page.get("data").forEach(u -> assertThat(seen.add(u.get("id").asText())).isTrue());
        } while (page.get("has_next").asBoolean());
        assertThat(n).isEqualTo(3);
        assertThat(seen).hasSize(25);
        JsonNode past = call("GET", "/api/v1/users?page_size=10&page=9", a.access(), null).json();
        assertThat(past.get("data")).isEmpty();
        assertThat(past.get("has_next").asBoolean()).isFalse();
    }

    @Test
    void concurrent_duplicate_usernames_create_exactly_one_user() {
        Tenant a = newTenant(target);
        Map<String, Object> same = newUser("user");
        List<CompletableFuture<Integer>> calls = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> call("POST", "/api/v1/users", a.access(), same).status()))
                .toList();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    }

    @Test
    void admin_endpoints_need_the_stored_admin_role() {
        Tenant a = newTenant(target);
        JsonNode user = call("POST", "/api/v1/users", a.access(), newUser("user")).json();
        for (String role : List.of("user", "admin")) { // the token's role claim is not trusted
            Res r = call("GET", "/api/v1/admin/stats", accessFor(user, role, Duration.ofMinutes(5)), null);
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.json().get("detail").asText()).isEqualTo("Admin access required");
        }
        Res stats = call("GET", "/api/v1/admin/stats", a.access(), null);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("total_users").asInt()).isGreaterThanOrEqualTo(2);
        Res tenants = call("GET", "/api/v1/admin/tenants", a.access(), null);
        assertThat(tenants.json().get("tenants").findValuesAsText("id")).contains(a.tenantId());
    }

    @Test
    void a_member_may_not_grant_admin_nor_change_other_users_but_may_change_itself() {
        Tenant a = newTenant(target);
        Tenant b = newTenant(target);
        JsonNode member = call("POST", "/api/v1/users", a.access(), newUser("user")).json();
        JsonNode other = call("POST", "/api/v1/users", a.access(), newUser("user")).json();
        String token = accessFor(member, "user", Duration.ofMinutes(5));
        String self = "/api/v1/users/" + member.get("id").asText();
        String theirs = "/api/v1/users/" + other.get("id").asText();

        assertThat(call("POST", "/api/v1/users", token, newUser("admin")).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/users/bulk", token, List.of(newUser("user"), newUser("admin"))).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/users", token, newUser("user")).status()).isEqualTo(201);
        assertThat(call("PUT", theirs, token, Map.of("full_name", "Taken")).status()).isEqualTo(403);
        assertThat(call("DELETE", theirs, token, null).status()).isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/users/" + b.adminId(), token, null).status()).isEqualTo(404); // other tenant
        Res own = call("PUT", self, token, Map.of("full_name", "Me", "role", "admin"));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("role").asText()).isEqualTo("user");
        assertThat(call("GET", theirs, a.access(), null).json().get("is_active").asBoolean()).isTrue();
    }

    @Test
    void rate_limit_answers_429_with_headers_and_recovers_after_reset() {
        Tenant a = newTenant(limited);
        for (int i = 0; i < 2; i++) {
            Res ok = call(limited, "GET", "/api/v1/users?page=" + (i + 1), a.access(), null); // query does not split budgets
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(1 - i));
        }
        Res refused = call(limited, "GET", "/api/v1/users", a.access(), null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asText()).isEqualTo("Rate limit exceeded");
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        long reset = Long.parseLong(refused.header("X-RateLimit-Reset"));
        assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 3);

        assertThat(call(limited, "GET", "/api/v1/users/" + a.adminId(), a.access(), null).status()).isEqualTo(200);
        assertThat(call(limited, "GET", "/health", null, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> call(limited, "GET", "/api/v1/users", a.access(), null).status() == 200);
        assertThat(Instant.now().toEpochMilli()).isGreaterThan((reset - 1) * 1000);
    }

    @Test
    void failed_logins_for_one_username_are_throttled_until_they_leave_the_window() {
        Tenant a = newTenant(target);
        for (int i = 0; i < Api.MAX_FAILED_LOGINS; i++) {
            assertThat(call("POST", "/auth/login", null, Map.of("username", a.username(), "password", "wrong-" + i)).status())
                    .isEqualTo(401);
        }
        Res throttled = call("POST", "/auth/login", null, Map.of("username", a.username(), "password", "s3cret-pass"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, Api.FAILED_LOGIN_WINDOW.toSeconds());
        // Unknown usernames are counted alike, so throttling tells nothing about which usernames exist.
        String nobody = unique("nobody");
        for (int i = 0; i < Api.MAX_FAILED_LOGINS; i++) call("POST", "/auth/login", null, Map.of("username", nobody, "password", "x"));
        assertThat(call("POST", "/auth/login", null, Map.of("username", nobody, "password", "x")).status()).isEqualTo(429);
    }

    @Test
    void openapi_json_is_the_contract_document() throws Exception {
        Res live = call("GET", "/openapi.json", null, null);
        assertThat(live.status()).isEqualTo(200);
        JsonNode contract;
        try (var in = getClass().getClassLoader().getResourceAsStream("contract/openapi.yaml")) {
            contract = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(in);
        }
        assertThat(live.json()).isEqualTo(contract);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        var l = new ArrayList<T>();
        it.forEachRemaining(l::add);
        return l;
    }
}
