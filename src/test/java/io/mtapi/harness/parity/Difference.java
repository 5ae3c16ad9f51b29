package io.mtapi.harness.parity;

import java.util.List;
import java.util.Optional;

/**
 * A behaviour that changed between baseline and candidate: one aspect of one endpoint (its status,
 * its body's shape, one header, or a step that one side made and the other did not), with every
 * place it showed.
 *
 * @param endpoint    "METHOD /path/template"
 * @param aspect      "status", "shape", "steps", or a header name
 * @param occurrences each test and step where it showed, with both values
 * @param acceptedBy  the environment's entry that accepts it, if any
 */
public record Difference(String endpoint, String aspect, List<Occurrence> occurrences,
                         Optional<AcceptedDifference> acceptedBy) {

    /** Aspect of a step one side made and the other did not. */
    public static final String STEPS = "steps";

    public Difference {
        occurrences = List.copyOf(occurrences);
    }

    public boolean accepted() {
        return acceptedBy.isPresent();
    }

    /**
     * @param test      the test's name
     * @param step      the step's position in the test (1-based, counted on the baseline where it has one)
     * @param baseline  the baseline's value
     * @param candidate the candidate's value
     */
    public record Occurrence(String test, int step, String baseline, String candidate) {
    }

    /** The distinct value pairs, "baseline -> candidate", most frequent first. */
    List<String> changes() {
        return occurrences.stream().collect(java.util.stream.Collectors.groupingBy(
                        o -> o.baseline() + " -> " + o.candidate(), java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.counting()))
                .entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(java.util.Map.Entry::getKey).toList();
    }
}
