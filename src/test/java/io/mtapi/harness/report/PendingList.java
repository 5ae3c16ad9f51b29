package io.mtapi.harness.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A self-test's list of suite tests still waiting for another issue's work ({@code Class#method}
 * a line, {@code #} comments): reported while listed, failed once a test is neither listed nor fixed.
 */
public final class PendingList {

    private PendingList() {
    }

    /** The entries of a classpath resource; none when it does not exist. */
    public static Set<String> read(String resource) {
        try (InputStream in = PendingList.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
