package io.mtapi.harness.config;

/**
 * A test known to fail on an environment, with the ticket that tracks it. A failure of
 * it is reported as known and does not fail the gate; a pass is flagged "fixed?".
 *
 * @param test   {@code fully.qualified.TestClass#method} (every invocation of a parametrized test)
 * @param ticket link to the tracking ticket
 * @param reason one line: why it fails there
 */
public record KnownIssue(String test, String ticket, String reason) {

    /** Whether this entry names the given test method. */
    public boolean names(String className, String methodName) {
        return test.equals(className + "#" + methodName);
    }
}
