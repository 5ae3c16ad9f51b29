package io.mtapi.harness.suites.files;

import io.mtapi.harness.fixtures.ApiTarget;

import java.util.List;

/** Which declared type to give content whose type does not matter to the test. */
final class FileTypes {

    private FileTypes() {
    }

    /**
     * An allowed type that is not text: large files are zeros, and a report should
     * summarise them as binary rather than print them. The contract checks the declared
     * type only, not the content.
     */
    static String forLargeFiles(ApiTarget target) {
        List<String> allowed = target.config().allowedTypes();
        return allowed.stream().filter(type -> !type.startsWith("text/")).findFirst().orElse(allowed.get(0));
    }
}
