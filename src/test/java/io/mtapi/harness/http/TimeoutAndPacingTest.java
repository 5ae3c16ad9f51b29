package io.mtapi.harness.http;

import com.sun.net.httpserver.HttpServer;
import io.mtapi.harness.api.RawApi;
import io.mtapi.harness.fixtures.Concurrently;
import io.mtapi.harness.reference.ReferenceSettings;
import io.mtapi.harness.reference.ReferenceTarget;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Read timeouts bound a hung target; the pacer keeps calls inside the target's rate limit. */
@Tag("selftest")
@DisplayName("Timeouts and rate-limit pacing")
class TimeoutAndPacingTest {

    @Test
    void hungTargetFailsTheCallWithinTheReadTimeout() throws IOException {
        CountDownLatch never = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/hangs", exchange -> {
            try {
                never.await(30, TimeUnit.SECONDS); // a target that accepted the request and hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            RawApi api = new RawApi(new Specs(base, Duration.ofSeconds(1), Duration.ofMillis(800), List.of(),
                    new RateLimitPacer(100, Duration.ofSeconds(1))).anonymous());
            // The first call of a JVM loads REST Assured and Groovy: seconds of CPU on a loaded machine,
            // which is not the read timeout's to bound.
            assertThat(api.send("GET", "/ready").status()).isEqualTo(204);
            long start = System.nanoTime();

            assertThatThrownBy(() -> api.send("GET", "/hangs")).hasStackTraceContaining("timed out");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time until the hung call failed")
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            never.countDown();
            server.stop(0);
        }
    }

    @Test
    void bulkCreationGetsTheReadTimeoutItsSizeNeeds() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            // A target that needs 1.6 s for any creation: twice the plain 0.8 s read timeout, and seconds inside the
            // bulk one (0.8 s + 2 x 2 s), so neither verdict depends on how loaded this machine is.
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(1600).toNanos());
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            Duration read = Duration.ofMillis(800);
            RawApi api = new RawApi(new Specs(base, Duration.ofSeconds(1), read,
                    List.of(new BulkReadTimeout(read, Duration.ofSeconds(2))), new RateLimitPacer(100, Duration.ofSeconds(1))).anonymous());
            String twoUsers = "[{\"username\": \"a\"}, {\"username\": \"b\"}]";

            assertThat(api.send("POST", "/api/v1/users/bulk", r -> r.contentType("application/json").body(twoUsers)).status())
                    .as("bulk creation of 2 items, read timeout 0.8 s + 2 x 2 s, answered after 1.6 s").isEqualTo(201);
            assertThatThrownBy(() -> api.send("POST", "/api/v1/users", r -> r.contentType("application/json").body(twoUsers)))
                    .as("a single creation keeps the plain 0.8 s read timeout").hasStackTraceContaining("timed out");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void pacedCallsBeyondTheBudgetWaitForASlotInsteadOfMeetingA429() {
        // Sent at once, so that the pacer must hold the calls beyond the budget however slow each call is
        // on a loaded machine (one after another, slow calls would leave the window and never need a slot).
        Duration window = Duration.ofSeconds(2);
        ReferenceSettings settings = ReferenceSettings.defaults().withRateLimit(3, window);
        try (ReferenceTarget target = ReferenceTarget.start(settings)) {
            RateLimitPacer pacer = new RateLimitPacer(3, window);
            RawApi paced = new RawApi(new Specs(URI.create(target.baseUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5),
                    List.of(), pacer).bearer(registeredToken(target)));

            List<Integer> statuses = Concurrently.times(5, i -> paced.send("GET", "/api/v1/users").status());

            assertThat(statuses).as("statuses of 5 calls sent at once against a budget of 3 per 2 s").containsOnly(200);
            assertThat(pacer.waits()).as("calls that waited for a slot").isGreaterThanOrEqualTo(2);
            assertThat(pacer.tooManyRequestsDespitePacing()).isZero();
        }
    }

    private static String registeredToken(ReferenceTarget target) {
        var anonymous = new io.mtapi.harness.api.AuthApi(new Specs(URI.create(target.baseUrl()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), List.of(), new RateLimitPacer(100, Duration.ofSeconds(1))).anonymous());
        var registration = io.mtapi.harness.data.Tenants.registration();
        assertThat(anonymous.register(registration).status()).isEqualTo(201);
        return anonymous.login(registration.adminUsername(), registration.adminPassword())
                .as(io.mtapi.harness.api.TokenPair.class).accessToken();
    }
}
