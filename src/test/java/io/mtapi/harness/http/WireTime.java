package io.mtapi.harness.http;

import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.protocol.HttpContext;

import java.util.OptionalLong;

/**
 * How long the target took to answer, measured where the HTTP client sends the request and reads the
 * status line and headers (time to first byte, connection set-up excluded): none of the harness's own
 * work (REST Assured's, the schema checks, the pacer's waits) is in it. The client runs a request on
 * the calling thread, so the measurement is handed to that thread's next reader
 * ({@code parity.ExchangeRecorder}).
 */
public final class WireTime {

    private static final String SENT_AT = WireTime.class.getName() + ".sentAt";
    private static final ThreadLocal<Long> LAST_MICROS = new ThreadLocal<>();

    /** Marks when the request goes out (after the connection is open). */
    static final HttpRequestInterceptor SENT = (request, context) -> context.setAttribute(SENT_AT, System.nanoTime());

    /** Takes the time when the status line and headers have come. */
    static final HttpResponseInterceptor ANSWERED = (response, context) -> answered(context);

    private WireTime() {
    }

    private static void answered(HttpContext context) {
        Object sentAt = context.getAttribute(SENT_AT);
        if (sentAt instanceof Long start) {
            LAST_MICROS.set((System.nanoTime() - start) / 1000);
        }
    }

    /** The time to first byte of this thread's last answered request, and forgets it; empty if none was measured. */
    public static OptionalLong takeMicros() {
        Long micros = LAST_MICROS.get();
        LAST_MICROS.remove();
        return micros == null ? OptionalLong.empty() : OptionalLong.of(micros);
    }
}
