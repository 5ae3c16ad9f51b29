package io.mtapi.harness.load;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader$;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.core.config.GatlingConfiguration$;
import io.gatling.core.stats.ErrorStats;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gatling's own statistics of a run, per request, read from its {@code simulation.log} with Gatling's
 * own reader: the numbers (count, percentiles, mean throughput, errors) its HTML report shows, percentiles from
 * the same t-digest (which breaks ties at random, so a reading may differ from the report's by a millisecond).
 * Gatling 3.15 writes no machine-readable statistics any more (no {@code stats.json}); this class is the
 * one place that knows Gatling's reader, which is not a public API: a Gatling upgrade that moves it
 * fails the load self-test here.
 */
final class GatlingResults {

    /**
     * A failed check's message starts with the check ("status.find.is(200), but actually found 500",
     * "jsonPath($.id).find.exists, found nothing"): the target answered. Any other message is a request
     * without an answer ("j.n.ConnectException: Connection refused", "Request timeout to ..."). A 429 failed
     * {@code status().not(429)} first: "status.find.not(429), unexpectedly found 429".
     */
    private static final List<String> ANSWERED = List.of("status.", "jsonPath(", "bodyLength.");
    private static final String TOO_MANY = "status.find.not(429)";

    private GatlingResults() {
    }

    /** The newest run folder named in Gatling's {@code lastRun.txt}, if the run got that far. */
    static Optional<Path> lastRun(Path resultsDir) throws IOException {
        Path lastRun = resultsDir.resolve("lastRun.txt");
        if (!Files.isRegularFile(lastRun)) {
            return Optional.empty();
        }
        return Files.readAllLines(lastRun).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && Files.isRegularFile(resultsDir.resolve(line).resolve("simulation.log")))
                .reduce((first, second) -> second).map(resultsDir::resolve);
    }

    /** Gatling's failure line in {@code lastRun.txt} ("ExecutionError: ..."), if it recorded one. */
    static Optional<String> executionError(Path resultsDir) throws IOException {
        Path lastRun = resultsDir.resolve("lastRun.txt");
        return Files.isRegularFile(lastRun)
                ? Files.readAllLines(lastRun).stream().filter(line -> line.startsWith("ExecutionError:")).findFirst()
                : Optional.empty();
    }

    static List<EndpointResult> read(Path runDir) {
        LogFileData data = LogFileReader$.MODULE$.apply(runDir.getFileName().toString(), runDir.getParent(),
                GatlingConfiguration$.MODULE$.load()).read();
        List<EndpointResult> results = new ArrayList<>();
        for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
            if (path instanceof RequestStatsPath request) {
                results.add(result(data, request.request(), request.group()));
            }
        }
        // The contract's order (Endpoint), not the order of first arrival.
        results.sort(java.util.Comparator.comparing(r -> Endpoint.ofRequestName(r.name()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
        return List.copyOf(results);
    }

    private static EndpointResult result(LogFileData data, String name, Option<Group> group) {
        GeneralStats all = data.requestGeneralStats(Option.apply(name), group, Option.empty()).get();
        long tooMany = 0;
        long unexpected = 0;
        long unanswered = 0;
        for (ErrorStats error : CollectionConverters.asJava(data.errors(Option.apply(name), group))) {
            if (error.message().startsWith(TOO_MANY)) {
                tooMany += error.count();
            } else if (ANSWERED.stream().anyMatch(error.message()::startsWith)) {
                unexpected += error.count();
            } else {
                unanswered += error.count();
            }
        }
        return new EndpointResult(name, all.count(), unexpected, tooMany, unanswered, percentile(all, 95),
                percentile(all, 99), all.meanRequestsPerSec());
    }

    private static long percentile(GeneralStats stats, double rank) {
        return ((Number) stats.percentile().apply(rank)).longValue();
    }
}
