package io.mtapi.harness.parity;

import java.util.Map;
import java.util.TreeMap;

/**
 * One exchange of a test as it is compared: the endpoint (method and path template), the status,
 * the body's shape and the headers clients rely on, each normalised so that two correct runs of the
 * same deployment give equal steps ({@link Steps}).
 *
 * @param endpoint "GET /api/v1/users/{user_id}"
 * @param headers  normalised values by canonical name; a header the answer lacked is absent
 */
public record Step(String endpoint, int status, String shape, Map<String, String> headers) {

    public Step {
        headers = Map.copyOf(new TreeMap<>(headers));
    }

    /** "GET /api/v1/users/{user_id} 404" */
    public String summary() {
        return endpoint + " " + (status == Exchange.NO_ANSWER ? "(no answer)" : String.valueOf(status));
    }

    /** Everything compared, in one string: orders the calls of a concurrent burst. */
    String signature() {
        return summary() + " " + shape + " " + new TreeMap<>(headers);
    }
}
