package io.mtapi.harness.matrix;

import java.util.List;
import java.util.Optional;

/**
 * Whether a failure's headline speaks the contract or a library: a headline that begins with
 * AssertJ's, opentest4j's, Jackson's or JUnit's own wording, names a Java type, or is empty tells a
 * reviewer nothing about the contract ("Expecting actual: ...", "Numeric value (2147483648) out of
 * range of int"). Outcome markers ({@code Contract-gap finding '<key>': }, {@code KNOWN ISSUE ...: })
 * are set aside first: the claim after them is what is read.
 *
 * <pre>{@code
 * FailureWording.library("Expecting value to be true but was false") // Optional[AssertJ]
 * FailureWording.library("GET /api/v1/users/{user_id} (expected 404, got 200)") // Optional.empty
 * }</pre>
 */
final class FailureWording {

    private static final List<String[]> LIBRARY_WORDING = List.of(
            new String[] {"AssertJ", "Expecting"}, new String[] {"AssertJ", "Expected size"},
            new String[] {"AssertJ", "Actual and expected"}, new String[] {"AssertJ", "Multiple Failures"},
            new String[] {"AssertJ", "The following assertion"}, new String[] {"AssertJ", "Expected:"},
            new String[] {"opentest4j", "expected: <"}, new String[] {"opentest4j", "expected:"},
            new String[] {"Jackson", "Cannot deserialize"}, new String[] {"Jackson", "Cannot construct instance"},
            new String[] {"Jackson", "Cannot coerce"}, new String[] {"Jackson", "Unrecognized token"},
            new String[] {"Jackson", "Unrecognized field"}, new String[] {"Jackson", "Unexpected character"},
            new String[] {"Jackson", "Unexpected end-of-input"}, new String[] {"Jackson", "Numeric value ("},
            new String[] {"Jackson", "No content to map"}, new String[] {"Jackson", "Illegal unquoted character"},
            new String[] {"Jackson", "Missing required creator property"},
            new String[] {"JUnit", "Failed to resolve parameter"}, new String[] {"JUnit", "No ParameterResolver"},
            new String[] {"Java", "Cannot invoke \""}, new String[] {"Java", "Index "});

    private FailureWording() {
    }

    /** The library whose wording heads this failure, if one does. */
    static Optional<String> library(String headline) {
        String claim = headline == null ? "" : headline.strip();
        claim = claim.replaceFirst("^Contract-gap finding '[^']*': ", "").replaceFirst("^KNOWN ISSUE [^:]*: ", "");
        if (claim.isEmpty()) {
            return Optional.of("no message");
        }
        for (String[] wording : LIBRARY_WORDING) {
            if (claim.startsWith(wording[1])) {
                return Optional.of(wording[0]);
            }
        }
        if (claim.matches("(?s).*\\b(?:java|javax|com\\.fasterxml|org\\.assertj|org\\.junit|io\\.mtapi)\\.[a-z]+\\.[A-Za-z.$]+.*")) {
            return Optional.of("a Java type name");
        }
        return Optional.empty();
    }
}
