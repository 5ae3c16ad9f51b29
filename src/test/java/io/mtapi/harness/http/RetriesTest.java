package io.mtapi.harness.http;

import com.sun.net.httpserver.HttpServer;
import io.mtapi.harness.api.ApiResponse;
import io.mtapi.harness.api.RawApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Retries: idempotent calls ride out 5xx from a flaky target; POST only when it certainly was not processed. */
@Tag("selftest")
@DisplayName("Retries with backoff")
class RetriesTest {

    private HttpServer server;
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final AtomicInteger received = new AtomicInteger();
    private Retries retries;
    private RawApi api;

    @BeforeEach
    void startFlakyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.incrementAndGet();
            Integer status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.poll();
            }
            byte[] body = ("{\"status\":" + status + "}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        retries = new Retries(3, Duration.ofMillis(10), Duration.ofMillis(50));
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        api = new RawApi(new Specs(base, Duration.ofSeconds(2), Duration.ofSeconds(2), List.of(retries),
                new RateLimitPacer(1000, Duration.ofSeconds(1))).anonymous());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(Integer... statuses) {
        synchronized (answers) {
            answers.addAll(List.of(statuses));
        }
    }

    @Test
    void getIsRetriedThroughTransientServerErrors() {
        answer(503, 502);

        ApiResponse response = api.send("GET", "/thing");

        assertThat(response.status()).isEqualTo(200);
        assertThat(received.get()).as("requests the target received").isEqualTo(3);
        assertThat(retries.retries()).isEqualTo(2);
    }

    @Test
    void targetThatKeepsFailingFailsWithTheLastAnswer() {
        answer(503, 503, 504, 503);

        ApiResponse response = api.send("DELETE", "/thing");

        assertThat(response.status()).as("the last answer after 3 attempts").isEqualTo(504);
        assertThat(received.get()).isEqualTo(3);
    }

    @Test
    void postIsRetriedOnlyWhenTheTargetSaidItDidNotProcessIt() {
        answer(503);
        assertThat(api.send("POST", "/things").status()).as("POST after a 503").isEqualTo(200);

        answer(502);
        assertThat(api.send("POST", "/things").status()).as("POST after a 502 is not retried: it may have been processed")
                .isEqualTo(502);
        assertThat(received.get()).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNeverRetried() {
        answer(404, 200);

        assertThat(api.send("GET", "/thing").status()).isEqualTo(404);
        assertThat(retries.retries()).isZero();
    }
}
