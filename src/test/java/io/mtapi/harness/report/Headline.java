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
 * <p>One group per defect: when the line names the case before a check's claim about a call
 * ({@code "download of a file named with SPACES: GET /api/v1/files/{file_id}: a download must be
 * Content-Disposition: attachment ..."}), the claim about the call is the headline and the case opens
 * the evidence ({@code "case: download of a file named with SPACES"}), so every case and every test that
 * meets the same defect on the same call reads the same first line.
 *
 * <pre>{@code
 * Headline.of("[listing of tenant B] \nExpecting actual: ...")  // "listing of tenant B"
 * Headline.evidence("claim\n  GET /api/v1/users/42 -> 200 {...}") // "  GET /api/v1/users/42 -> 200 {...}"
 * }</pre>
 */
public final class Headline {

    /** A marker that may open a headline: a gap finding, a known issue (GUIDE.md's conventions). */
    private static final String MARKER = "(?:Contract-gap finding '[^']*': |KNOWN ISSUE [^:]*: )";

    /** A marker that may open the line before an AssertJ description: a gap finding, a known issue. */
    private static final Pattern DESCRIBED = Pattern.compile(
            "^(" + MARKER + "?)\\[(.*?)\\](?:\\s+(.*))?$");

    /** JUnit's wrapper of a fixture's failure: its Java signatures say nothing, the cause's message does. */
    private static final Pattern PARAMETER_RESOLUTION = Pattern.compile(
            "^Failed to resolve parameter \\[.*?\\] in (?:method|constructor) \\[.*?\\]: ");

    private static final String ASSUMPTION = "Assumption failed: ";

    /** An AssertJ description that goes on over more lines: its first line opens with a bracket it never closes. */
    private static final Pattern OPEN_DESCRIPTION = Pattern.compile(
            "^(" + MARKER + "?)\\[([^\\]]*)$");

    /** A marker, the case, then a check's claim about a call ("METHOD /path: claim"). */
    private static final Pattern CASE_BEFORE_CALL = Pattern.compile(
            "^(" + MARKER + "?+)(.+?): ((?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) /\\S*: .+)$");

    private Headline() {
    }

    /** The first non-blank line, with an AssertJ description unwrapped and a case set aside; "" for no message. */
    public static String of(String message) {
        String line = unwrapped(message);
        Matcher call = CASE_BEFORE_CALL.matcher(line);
        return call.matches() ? call.group(1) + call.group(3) : line;
    }

    /** The case a first line names before a check's claim about a call, if it names one. */
    private static String caseOf(String message) {
        Matcher call = CASE_BEFORE_CALL.matcher(unwrapped(message));
        return call.matches() ? call.group(2) : null;
    }

    private static String unwrapped(String message) {
        String line = PARAMETER_RESOLUTION.matcher(firstLine(message)).replaceFirst("");
        if (line.startsWith(ASSUMPTION)) { // JUnit's prefix of an assumption: the reason is what is read
            line = line.substring(ASSUMPTION.length());
        }
        Matcher described = DESCRIBED.matcher(line);
        if (described.matches()) {
            String rest = described.group(3) == null ? "" : described.group(3).strip();
            line = described.group(1) + described.group(2).strip() + (rest.isEmpty() ? "" : ": " + rest);
        }
        Matcher open = OPEN_DESCRIPTION.matcher(line);
        return open.matches() ? open.group(1) + open.group(2).strip() : line;
    }

    /** The first non-blank line as written, stripped. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** What follows the first non-blank line: the run-specific evidence, opened by the case set aside from it. */
    public static String evidence(String message) {
        if (message == null) {
            return "";
        }
        String testCase = caseOf(message);
        String rest = after(message);
        return testCase == null ? rest : ("  case: " + testCase + (rest.isEmpty() ? "" : "\n" + rest));
    }

    private static String after(String message) {
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
