package io.mtapi.harness.parity;

import io.mtapi.harness.config.ConfigLoader;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The baseline of a parity run and how its side is configured. The baseline is named per run:
 * {@code -Dparity.baseline=URL} or {@code API_PARITY_BASELINE}; {@code embedded} starts a second
 * embedded reference target (fault-free and steady, whatever {@code reference.*} the candidate got).
 *
 * <p>The baseline side runs the candidate's selection with the candidate's settings, except:
 * its own URL, its own secrets ({@code API_BASELINE_JWT_SECRET}, {@code API_BASELINE_ADMIN_USERNAME}...,
 * read like the candidate's {@code API_*}), its own output folder (its Allure environment included), and
 * whatever {@code -Dbaseline.<key>=value} sets ({@code -Dbaseline.env=prod},
 * {@code -Dbaseline.reference.faults=...}).
 */
public final class Baseline {

    public static final String PROPERTY = "parity.baseline";
    public static final String VARIABLE = "API_PARITY_BASELINE";
    public static final String EMBEDDED = "embedded";
    /** Configuration parameter a side is told its role by (the baseline side's log says so). */
    public static final String SIDE_PROPERTY = "parity.side";
    static final String OVERRIDE_PREFIX = "baseline.";
    static final String SECRETS_PREFIX = "API_BASELINE_";

    private Baseline() {
    }

    /** The run's baseline, if it is a parity run: the property, else the environment variable. */
    public static Optional<String> of(Function<String, Optional<String>> properties) {
        return properties.apply(PROPERTY).map(String::trim)
                .or(() -> Optional.ofNullable(System.getenv(VARIABLE)).map(String::trim))
                .filter(v -> !v.isEmpty());
    }

    public static boolean configured(Function<String, Optional<String>> properties) {
        return of(properties).isPresent();
    }

    /** Whether the session with these properties is a parity run's baseline side. */
    public static boolean isBaselineSide(Function<String, Optional<String>> properties) {
        return properties.apply(SIDE_PROPERTY).filter("baseline"::equals).isPresent();
    }

    /** Why the value cannot name a baseline, if it cannot. */
    static Optional<String> invalid(String baseline) {
        return baseline.equals(EMBEDDED) || baseline.startsWith("http://") || baseline.startsWith("https://")
                ? Optional.empty()
                : Optional.of(PROPERTY + " (or " + VARIABLE + ") must be the baseline's URL (http://... or https://...) or '"
                + EMBEDDED + "', got '" + baseline + "'");
    }

    /**
     * The configuration parameters of the baseline side: the candidate's, with the baseline's own
     * target, secrets and folder, then the {@code baseline.<key>} settings (candidate parameters and
     * system properties) as {@code <key>}.
     *
     * @param candidate the candidate run's explicit configuration parameters
     * @param baseline  the URL, or {@value #EMBEDDED}
     * @param outputDir the side's own folder (run summary, status, recording)
     */
    static Map<String, String> parameters(Map<String, String> candidate, String baseline, Path outputDir) {
        Map<String, String> parameters = new LinkedHashMap<>();
        candidate.forEach((key, value) -> {
            if (!key.startsWith("junit.") && !key.startsWith(OVERRIDE_PREFIX)) {
                parameters.put(key, value);
            }
        });
        parameters.put(PROPERTY, "");
        parameters.put(SIDE_PROPERTY, "baseline");
        parameters.put("harness.outputDir", outputDir.toString());
        parameters.put(ExchangeRecorder.RECORDING_PROPERTY, outputDir.resolve(Recording.FILE).toString());
        parameters.put(ConfigLoader.SECRETS_PREFIX_PROPERTY, SECRETS_PREFIX);
        // Its Allure environment and summary go beside its other files: the report is the candidate's.
        parameters.put("allure.results.directory", outputDir.resolve("allure-results").toString());
        if (baseline.equals(EMBEDDED)) {
            parameters.put(ConfigLoader.ENV_PROPERTY, ConfigLoader.DEFAULT_ENV);
            parameters.put("api.baseUrl", "");
            parameters.put("reference.faults", "");
            parameters.put("reference.flaky.serviceUnavailableRate", "0");
            parameters.put("reference.flaky.droppedConnectionRate", "0");
            parameters.put("reference.flaky.latency", "0ms");
        } else {
            parameters.put("api.baseUrl", baseline);
        }
        candidate.forEach((key, value) -> {
            if (key.startsWith(OVERRIDE_PREFIX)) {
                parameters.put(key.substring(OVERRIDE_PREFIX.length()), value);
            }
        });
        parameters.putAll(overridesFromSystemProperties());
        return parameters;
    }

    /** The {@code baseline.<key>} system properties, as {@code <key>}. */
    private static Map<String, String> overridesFromSystemProperties() {
        Map<String, String> overrides = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(OVERRIDE_PREFIX)).sorted()
                .forEach(k -> overrides.put(k.substring(OVERRIDE_PREFIX.length()), System.getProperty(k)));
        return overrides;
    }
}
