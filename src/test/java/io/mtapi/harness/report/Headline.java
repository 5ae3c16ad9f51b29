package io.mtapi.harness.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a failure, the stable claim a report groups by, and the evidence after it.
 * The claim is the first non-blank line of the message; AssertJ's {@code [description] } prefix is
 * unwrapped, so {@code "[tenant B read tenant A's user] expected 404, got 200"} reads
 * {@code "tenant B read tenant A's user: expected 404, got 200"}, and a description followed by
 * AssertJ's own multi-line text reads as the description alone. JUnit's "Failed to resolve parameter
 * [...] in method [...]: " before a fixture's failure is set aside: the fixture's claim is the headline; so is JUnit's "Assumption failed: " before a skip's reason.
 *
 * <pre>{@code
 * Headline.of("[listing of tenant B] \nExpecting actual: ...")  // "listing of tenant B"
 * Headline.evidence("claim\n  GET /api/v1/users/42 -> 200 {...}") // "  GET /api/v1/users/42 -> 200 {...}"
 * }</pre>
 */
public final class Headline {

    /** A marker that may open the line before an AssertJ description: a gap finding, a known issue. */
    private static final Pattern DESCRIBED = Pattern.compile(
            "^((?:Contract-gap finding '[^']*': |KNOWN ISSUE [^:]*: )?)\\[(.*?)\\](?:\\s+(.*))?$");

    /** JUnit's wrapper of a fixture's failure: its Java signatures say nothing, the cause's message does. */
    private static final Pattern PARAMETER_RESOLUTION = Pattern.compile(
            "^Failed to resolve parameter \\[.*?\\] in (?:method|constructor) \\[.*?\\]: ");

    private static final String ASSUMPTION = "Assumption failed: ";

    private Headline() {
    }

    /** The first non-blank line, with an AssertJ description unwrapped; "" for no message. */
    public static String of(String message) {
        String line = PARAMETER_RESOLUTION.matcher(firstLine(message)).replaceFirst("");
        if (line.startsWith(ASSUMPTION)) { // JUnit's prefix of an assumption: the reason is what is read
            line = line.substring(ASSUMPTION.length());
        }
        Matcher described = DESCRIBED.matcher(line);
        if (described.matches()) {
            String rest = described.group(3) == null ? "" : described.group(3).strip();
            line = described.group(1) + described.group(2).strip() + (rest.isEmpty() ? "" : ": " + rest);
        }
        return line;
    }

    /** The first non-blank line as written, stripped. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** What follows the first non-blank line: the run-specific evidence. */
    public static String evidence(String message) {
        if (message == null) {
            return "";
        }
        String[] lines = message.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        StringBuilder rest = new StringBuilder();
        for (int i = first + 1; i < lines.length; i++) {
            rest.append(lines[i]).append('\n');
        }
        return rest.toString().stripTrailing();
    }
}
