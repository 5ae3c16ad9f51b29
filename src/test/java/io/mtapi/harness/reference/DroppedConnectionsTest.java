package io.mtapi.harness.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.http.NoHttpResponseException;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dropped connections in flaky mode: the client gets a real I/O failure and no answer; half of
 * the drops come before processing (nothing changed), half after (the change is applied). Checked
 * with Apache HttpClient, the client REST Assured uses, with its automatic retries off and a fresh
 * connection per request, so every failure seen is the target's doing.
 */
@Tag("selftest")
@DisplayName("Reference target: dropped connections")
class DroppedConnectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double DROP_RATE = 0.6;
    private static final int CREATIONS = 40;

    private static ReferenceTarget flaky;
    private static ReferenceTarget steady;
    private static CloseableHttpClient http;

    @BeforeAll
    static void start() {
        flaky = ReferenceTarget.start(ReferenceSettings.defaults().withRateLimit(1000, Duration.ofSeconds(60)), 0, new Flakiness(0, Duration.ZERO, DROP_RATE));
        steady = ReferenceTarget.start(ReferenceSettings.defaults());
        http = HttpClients.custom().disableAutomaticRetries()
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE).build();
    }

    @AfterAll
    static void stop() throws IOException {
        http.close();
        flaky.close();
        steady.close();
    }

    /** Status and body, or the I/O failure that came instead of an answer. */
    private record Answer(int status, JsonNode body, IOException failure) {
        boolean dropped() {
            return failure != null;
        }
    }

    private static Answer send(HttpUriRequest request) {
        try (var response = http.execute(request)) {
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return new Answer(response.getStatusLine().getStatusCode(), body.isEmpty() ? null : JSON.readTree(body), null);
        } catch (IOException e) {
            return new Answer(0, null, e);
        }
    }

    private static HttpPost post(ReferenceTarget target, String path, String token, Object body) {
        var post = new HttpPost(target.baseUrl() + path);
        if (token != null) post.setHeader("Authorization", "Bearer " + token);
        try {
            post.setEntity(new StringEntity(JSON.writeValueAsString(body), ContentType.APPLICATION_JSON));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return post;
    }

    private static HttpGet get(ReferenceTarget target, String path, String token) {
        var get = new HttpGet(target.baseUrl() + path);
        get.setHeader("Authorization", "Bearer " + token);
        return get;
    }

    /** For set-up and read-backs on the flaky target: sends until an answer comes (bounded). */
    private static Answer answered(java.util.function.Supplier<HttpUriRequest> request) {
        for (int attempt = 0; attempt < 40; attempt++) {
            Answer answer = send(request.get());
            if (!answer.dropped()) return answer;
        }
        throw new AssertionError("no answer in 40 attempts at a drop rate of " + DROP_RATE);
    }

    /** Registers (a 409 after a drop means an earlier attempt registered it) and logs in. */
    private static String adminToken(ReferenceTarget target) {
        String name = "drops-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> registration = Map.of("tenant_name", name, "admin_email", name + "@example.com",
                "admin_username", name, "admin_password", "password-" + name);
        Answer registered = answered(() -> post(target, "/auth/register", null, registration));
        assertThat(registered.status()).as("registration, perhaps after drops").isIn(201, 409);
        Answer login = answered(() -> post(target, "/auth/login", null,
                Map.of("username", name, "password", "password-" + name)));
        assertThat(login.status()).as("login of the registered admin").isEqualTo(200);
        return login.body().path("access_token").asText();
    }

    private static Set<String> usernames(ReferenceTarget target, String token) {
        Answer page = answered(() -> get(target, "/api/v1/users?page_size=100", token));
        assertThat(page.status()).isEqualTo(200);
        Set<String> names = new HashSet<>();
        page.body().path("data").forEach(u -> names.add(u.path("username").asText()));
        return names;
    }

    private static Map<String, String> newUser(String username) {
        return Map.of("username", username, "email", username + "@example.com", "full_name", "Dropped Maybe");
    }

    @Test
    @DisplayName("A dropped request gets no answer, only an I/O failure; some were processed first, some not")
    void dropsComeBeforeAndAfterProcessing() {
        String token = adminToken(flaky);
        List<String> dropped = new ArrayList<>();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < CREATIONS; i++) {
            String username = "u" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            Answer answer = send(post(flaky, "/api/v1/users", token, newUser(username)));
            if (answer.dropped()) {
                assertThat(answer.failure()).as("what the client saw instead of an answer to POST /api/v1/users")
                        .isInstanceOfAny(NoHttpResponseException.class, SocketException.class);
                dropped.add(username);
            } else {
                assertThat(answer.status()).as("an answered creation").isEqualTo(201);
                created.add(username);
            }
        }
        Set<String> stored = usernames(flaky, token);

        assertThat(stored).as("users whose creation was answered 201").containsAll(created);
        List<String> appliedThenDropped = dropped.stream().filter(stored::contains).toList();
        List<String> droppedBeforeProcessing = dropped.stream().filter(u -> !stored.contains(u)).toList();
        assertThat(appliedThenDropped).as("dropped after processing (the user exists) among %d drops", dropped.size())
                .isNotEmpty();
        assertThat(droppedBeforeProcessing).as("dropped before processing (no user) among %d drops", dropped.size())
                .isNotEmpty();
    }

    @Test
    @DisplayName("GET /health, the preflight's call, is never dropped")
    void healthIsNeverDropped() {
        for (int i = 0; i < 30; i++) {
            Answer health = send(new HttpGet(flaky.baseUrl() + "/health"));
            assertThat(health.dropped()).as("GET /health number %d dropped: %s", i + 1, health.failure()).isFalse();
            assertThat(health.status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("A drop forced after processing applies the change and loses the answer; before, changes nothing")
    void forcedDropsHitTheNamedCallOnce() {
        String token = adminToken(steady);
        String after = "after-" + UUID.randomUUID().toString().substring(0, 8);
        String before = "before-" + UUID.randomUUID().toString().substring(0, 8);

        steady.dropNext("POST", "/api/v1/users", Flakiness.Drop.AFTER_PROCESSING);
        Answer lost = send(post(steady, "/api/v1/users", token, newUser(after)));
        steady.dropNext("POST", "/api/v1/users", Flakiness.Drop.BEFORE_PROCESSING);
        Answer refused = send(post(steady, "/api/v1/users", token, newUser(before)));
        Answer next = send(post(steady, "/api/v1/users", token, newUser("next-" + after)));

        assertThat(lost.failure()).as("POST /api/v1/users dropped after processing")
                .isInstanceOfAny(NoHttpResponseException.class, SocketException.class);
        assertThat(refused.failure()).as("POST /api/v1/users dropped before processing")
                .isInstanceOfAny(NoHttpResponseException.class, SocketException.class);
        assertThat(next.status()).as("the call after the forced drops").isEqualTo(201);
        assertThat(usernames(steady, token)).as("users after the forced drops")
                .contains(after, "next-" + after).doesNotContain(before);
    }

    @Test
    @DisplayName("droppedConnectionRate is a share in [0, 1)")
    void dropRateIsValidated() {
        assertThatThrownBy(() -> new Flakiness(0, Duration.ZERO, 1.0)).hasMessageContaining("droppedConnectionRate");
        assertThatThrownBy(() -> new Flakiness(0, Duration.ZERO, -0.1)).hasMessageContaining("droppedConnectionRate");
        assertThat(new Flakiness(0, Duration.ZERO, 0.05).isOn()).as("flaky mode with drops only").isTrue();
    }
}
