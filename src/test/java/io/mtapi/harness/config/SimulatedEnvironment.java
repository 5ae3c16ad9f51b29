package io.mtapi.harness.config;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Environment variables a self-test hands to a contract run it starts in this JVM, in place of the
 * process's own: secrets are read from environment variables only, and a JVM cannot change its own.
 * The run names its environment by an id in the configuration parameter {@value #PARAMETER}; an id
 * exists only while the self-test that registered it holds it open, so no command-line flag can feed
 * secrets in.
 *
 * <pre>{@code
 * try (SimulatedEnvironment env = SimulatedEnvironment.of(Map.of("API_JWT_SECRET", "test_secret_key"))) {
 *     SuiteRun.runAgainst("auth", Map.of(SimulatedEnvironment.PARAMETER, env.id(), ...));
 * }
 * }</pre>
 */
public final class SimulatedEnvironment implements AutoCloseable {

    public static final String PARAMETER = "harness.simulatedEnvironment";

    private static final Map<String, Map<String, String>> OPEN = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    private SimulatedEnvironment(Map<String, String> variables) {
        OPEN.put(id, Map.copyOf(variables));
    }

    /** Registers the variables; the whole environment of the runs that name its id. */
    public static SimulatedEnvironment of(Map<String, String> variables) {
        return new SimulatedEnvironment(variables);
    }

    public String id() {
        return id;
    }

    /** The variables a run with these properties sees: its simulated environment if it names one, else none. */
    static Optional<Map<String, String>> named(java.util.function.Function<String, Optional<String>> properties) {
        return properties.apply(PARAMETER).map(id -> {
            Map<String, String> variables = OPEN.get(id);
            if (variables == null) {
                throw new HarnessConfigException(PARAMETER + " names no open simulated environment: it is set only by "
                        + "self-tests, in this JVM, while they run");
            }
            return variables;
        });
    }

    @Override
    public void close() {
        OPEN.remove(id);
    }
}
