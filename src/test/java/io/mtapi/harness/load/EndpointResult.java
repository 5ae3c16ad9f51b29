package io.mtapi.harness.load;

/**
 * What Gatling measured for one endpoint in one run.
 *
 * @param unexpected answers with a status (or a body) the scenario did not expect, 429s left out
 * @param tooMany    429 answers: on paced calls every one is a finding
 * @param unanswered requests that got no answer at all (refused or dropped connections, timeouts)
 * @param requestsPerSecond Gatling's mean throughput of the endpoint over the run
 */
public record EndpointResult(String name, long requests, long unexpected, long tooMany, long unanswered,
                             long p95Millis, long p99Millis, double requestsPerSecond) {

    /** Answers the scenario did not expect and requests without an answer, in percent of all requests. */
    public double errorRatePercent() {
        return requests == 0 ? 0 : 100.0 * (unexpected + unanswered) / requests;
    }
}
