package io.mtapi.harness.parity;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one side of a parity run in this JVM through the JUnit Platform Launcher: the given tests,
 * against the target the configuration parameters name, recording into its own folder. The run's
 * session is its own (the launcher's root store), so it has tenants of its own and cleans them up.
 */
final class SideRun {

    private SideRun() {
    }

    /**
     * Starts the side on a thread of its own and returns at once.
     *
     * @param outputDir the side's folder; its parameters must point {@code harness.outputDir} and
     *                  {@code parity.recording} into it
     */
    static CompletableFuture<Side> start(String role, List<? extends DiscoverySelector> selectors, List<Filter<?>> filters,
                                         Map<String, String> parameters, Path outputDir) {
        CompletableFuture<Side> side = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                side.complete(run(role, selectors, filters, parameters, outputDir));
            } catch (RuntimeException | Error e) {
                side.completeExceptionally(e);
            }
        }, "parity-" + role);
        thread.setDaemon(true);
        thread.start();
        return side;
    }

    static Side run(String role, List<? extends DiscoverySelector> selectors, List<Filter<?>> filters,
                    Map<String, String> parameters, Path outputDir) {
        forgetEarlierRun(outputDir);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors).configurationParameters(parameters);
        filters.forEach(request::filters);
        // No auto-registered listeners: the side must not report itself as the outer run (nor start parity runs).
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        Outcomes outcomes = new Outcomes();
        launcher.execute(request.build(), outcomes);
        return Side.read(role, outcomes.entries(), outputDir, outputDir.resolve(Recording.FILE));
    }

    /** A folder reused from an earlier run must not speak for this one. */
    static void forgetEarlierRun(Path outputDir) {
        try {
            Files.deleteIfExists(outputDir.resolve(Recording.FILE));
            Files.deleteIfExists(outputDir.resolve("harness-status.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + outputDir, e);
        }
    }
}
