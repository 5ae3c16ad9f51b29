package io.mtapi.harness.parity;

import java.util.Map;
import java.util.TreeMap;

/**
 * One request and its answer as a parity run records it: what a client of the API could
 * depend on (method, path, status, the shape of the JSON body, the headers clients read)
 * and how long the answer took, never the body's values. Values that differ from run to
 * run (ids in paths, rate-limit counters) are recorded as sent and normalised when two
 * recordings are compared ({@link Steps}), so the normalisation can be switched off.
 *
 * @param seq        order of arrival within the run
 * @param test       unique id of the test whose body made the call; null for fixtures and clean-up
 * @param concurrent made on a thread the test started (a burst, a race), not on the test's own thread
 * @param thread     id of the thread that made the call
 * @param check      made by a recovery's check after a lost answer (http.Retries), not by the test
 * @param method     HTTP method
 * @param path       concrete path, query string left out
 * @param status     HTTP status; {@link #NO_ANSWER} when the connection gave none
 * @param shape      JSON keys and types of the body ({@link JsonShape}), or what the body was instead
 * @param headers    the headers clients rely on, by canonical name, values as received
 * @param micros     time to first byte: from sending the request to receiving the answer's status line and
 *                   headers, in the HTTP client (http.WireTime); 0 for a call that got no answer
 */
public record Exchange(long seq, String test, boolean concurrent, long thread, boolean check, String method,
                       String path, int status, String shape, Map<String, String> headers, long micros) {

    /** Status of a call whose connection was dropped, reset or timed out before an answer came. */
    public static final int NO_ANSWER = 0;

    public Exchange {
        headers = Map.copyOf(new TreeMap<>(headers));
    }

    /** "GET /api/v1/users/abc", as sent. */
    public String requestLine() {
        return method + " " + path;
    }

    public boolean answered() {
        return status != NO_ANSWER;
    }
}
