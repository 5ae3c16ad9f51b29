package io.mtapi.harness.parity;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TagFilter;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Sides of the parity self-tests: smoke suites against embedded reference targets, each in its own folder. */
final class SmokeSides {

    static final Path OUT = Path.of(System.getProperty("harness.projectDir", "."), "target", "parity-selftest");
    private static final String SUITES = "io.mtapi.harness.suites";

    private SmokeSides() {
    }

    /** Starts a side with the embedded reference configured by {@code settings} (e.g. reference.faults). */
    static CompletableFuture<Side> start(String name, String role, Map<String, String> settings,
                                         List<? extends DiscoverySelector> tests) {
        Path dir = OUT.resolve(name);
        Map<String, String> parameters = new HashMap<>(embedded());
        parameters.put(Baseline.PROPERTY, "");
        parameters.put(Baseline.SIDE_PROPERTY, role);
        parameters.put("harness.outputDir", dir.toString());
        parameters.put(ExchangeRecorder.RECORDING_PROPERTY, dir.resolve(Recording.FILE).toString());
        parameters.putAll(settings);
        return SideRun.start(role, tests, filters(), parameters, dir);
    }

    /** Always the embedded target, whatever -Denv / -Dapi.baseUrl this JVM got. */
    static Map<String, String> embedded() {
        return Map.of("env", "embedded", "api.baseUrl", "", "reference.faults", "");
    }

    /** The embedded environment's parity keys. */
    static ParitySettings settings() {
        return ParitySettings.load(key -> Optional.ofNullable(embedded().get(key)));
    }

    static List<DiscoverySelector> suites() {
        return List.of(DiscoverySelectors.selectPackage(SUITES));
    }

    static List<Filter<?>> filters() {
        return List.of(TagFilter.excludeTags("selftest", "probe"), TagFilter.includeTags("smoke"));
    }

    /** The comparison's parity.md beside the candidate's recording, for a reviewer of a failed self-test. */
    static void report(String name, ParityResult result) {
        new ParityReport(result).write(OUT.resolve(name), Optional.empty());
    }
}
