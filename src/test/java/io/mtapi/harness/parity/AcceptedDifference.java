package io.mtapi.harness.parity;

import java.util.Optional;

/**
 * A behaviour difference an environment accepts between its baseline and its candidate, with the
 * reason: listed in {@code config/<env>.conf} under {@code parity.accepted}, like known issues.
 * It does not fail the gate; an entry that matched nothing in a run is flagged, so the list does
 * not outlive the differences it was written for.
 *
 * <pre>
 * parity.accepted = [
 *   { endpoint = "GET /api/v1/files/{file_id}", aspect = "Content-Type",
 *     reason = "the rewrite names the charset of text downloads (CONTRACT.md 7a allows it)" }
 * ]
 * </pre>
 *
 * @param endpoint  "METHOD /path/template" as parity.md names it, or {@value #EVERY_ENDPOINT} for every endpoint
 * @param aspect    "status", "shape", "steps" or a header name (Content-Type, WWW-Authenticate, ...)
 * @param candidate the candidate's value the entry accepts; empty accepts any
 * @param reason    one line: why the difference is fine
 */
public record AcceptedDifference(String endpoint, String aspect, Optional<String> candidate, String reason) {

    public static final String EVERY_ENDPOINT = "*";

    boolean accepts(Difference difference) {
        return (endpoint.equals(EVERY_ENDPOINT) || endpoint.equals(difference.endpoint()))
                && aspect.equalsIgnoreCase(difference.aspect())
                && candidate.map(value -> difference.occurrences().stream().allMatch(o -> value.equals(o.candidate())))
                .orElse(true);
    }

    /** "GET /api/v1/files/{file_id} Content-Type" */
    String describe() {
        return endpoint + " " + aspect + candidate.map(value -> " = " + value).orElse("");
    }
}
