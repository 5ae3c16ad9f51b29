package io.mtapi.harness.load;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.mtapi.harness.config.ConfigLoader;
import io.mtapi.harness.config.HarnessConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The load tier's settings: {@code load.*} in {@code config/<env>.conf}, read from the same layers as
 * the contract run (file &lt; environment variable &lt; system property), so {@code -Denv=stage} and
 * {@code -Dload.steady.duration=5m} work as everywhere else. Documented key by key in {@code config/base.conf}.
 *
 * <pre>{@code
 * LoadSettings settings = LoadSettings.load(key -> Optional.ofNullable(System.getProperty(key)), Workload.STEADY);
 * Duration pace = settings.pace();   // one iteration per caller every window / (budget x budgetShare)
 * }</pre>
 *
 * @param rateLimitBudget  the target's budget per user and method + path ({@code api.rateLimit.budget})
 * @param rateLimitWindow  its window ({@code api.rateLimit.window})
 * @param budgetShare      share of every budget a caller may spend ({@code load.budgetShare})
 */
public record LoadSettings(String env, Workload workload, int rateLimitBudget, Duration rateLimitWindow,
                           double budgetShare, int provisioningParallelism, Plan plan, Thresholds thresholds,
                           Map<Endpoint, Thresholds> endpointThresholds, Regression regression) {

    /**
     * What one workload sends (its keys under {@code load.<workload>}); keys a workload does not use are zero.
     *
     * @param callersPerTenant the admin plus members; members need the signing secret
     */
    public record Plan(int tenants, int callersPerTenant, int dataUsersPerTenant, Duration rampUp, Duration duration,
                       int refreshEvery, Duration window, int burstIterations, int bulksPerCaller, int batchSize) {

        /** Callers that send requests: without a signing secret only the admins act. */
        public int callers(boolean membersCanAct) {
            return tenants * (membersCanAct ? callersPerTenant : 1);
        }

        public int membersPerTenant() {
            return callersPerTenant - 1;
        }
    }

    /**
     * What an endpoint must hold.
     *
     * @param errorRatePercent  calls answered with a status the scenario did not expect, in percent (429s apart)
     * @param throughputShare   the least share of the planned requests per second; 0 judges nothing
     */
    public record Thresholds(Duration p95, Duration p99, double errorRatePercent, double throughputShare) {
    }

    /**
     * @param baselineDir where {@code <env>.json} baselines are kept, relative to the project
     */
    public record Regression(double tolerancePercent, Duration noiseFloor, Path baselineDir) {

        public Path baselineFile(String env) {
            return baselineDir.resolve(env + ".json");
        }
    }

    /** Reads the settings of the environment that {@code -Denv} / {@code API_ENV} name; bad keys in one message. */
    public static LoadSettings load(Function<String, Optional<String>> properties, Workload workload) {
        ConfigLoader loader = ConfigLoader.withProperties(properties);
        String env = loader.env();
        Config c = loader.layered(env);
        Path projectDir = Path.of(properties.apply("harness.projectDir").orElse("."));
        try {
            return from(env, workload, c, projectDir);
        } catch (ConfigException e) {
            throw loader.invalid(env, e);
        }
    }

    static LoadSettings from(String env, Workload workload, Config c, Path projectDir) {
        Config load = c.getConfig("load");
        Config plan = load.getConfig(workload.key());
        Config thresholds = plan.hasPath("thresholds")
                ? plan.getConfig("thresholds").withFallback(load.getConfig("thresholds"))
                : load.getConfig("thresholds");
        Map<Endpoint, Thresholds> perEndpoint = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            String path = "endpoints." + endpoint.key();
            perEndpoint.put(endpoint, thresholds(thresholds.hasPath(path)
                    ? thresholds.getConfig(path).withFallback(thresholds) : thresholds));
        }
        Config regression = load.getConfig("regression");
        LoadSettings settings = new LoadSettings(env, workload, c.getInt("api.rateLimit.budget"),
                c.getDuration("api.rateLimit.window"), load.getDouble("budgetShare"),
                load.getInt("provisioningParallelism"),
                new Plan(plan.getInt("tenants"), plan.getInt("callersPerTenant"), plan.getInt("dataUsersPerTenant"),
                        duration(plan, "rampUp"), duration(plan, "duration"), integer(plan, "refreshEvery"),
                        duration(plan, "window"), integer(plan, "burstIterations"), integer(plan, "bulksPerCaller"),
                        integer(plan, "batchSize")),
                thresholds(thresholds), Map.copyOf(perEndpoint),
                new Regression(regression.getDouble("tolerancePercent"), regression.getDuration("noiseFloor"),
                        projectDir.resolve(regression.getString("baselineDir"))));
        settings.validate();
        return settings;
    }

    private static Thresholds thresholds(Config t) {
        return new Thresholds(t.getDuration("p95"), t.getDuration("p99"), t.getDouble("errorRate"), t.getDouble("throughput"));
    }

    private static Duration duration(Config c, String key) {
        return c.hasPath(key) ? c.getDuration(key) : Duration.ZERO;
    }

    private static int integer(Config c, String key) {
        return c.hasPath(key) ? c.getInt(key) : 0;
    }

    /**
     * Iterations one caller may run inside one rate-limit window: each spends at most one call of every
     * budget it touches, and a call can arrive up to one iteration late, so {@code n + 1} calls can meet
     * in one window; {@code n + 1 <= budget} is checked at load.
     */
    public int iterationsPerWindow() {
        return Math.max(1, (int) Math.floor(rateLimitBudget * budgetShare));
    }

    /** The least time between two iterations of one caller (Gatling's {@code pace}). */
    public Duration pace() {
        return rateLimitWindow.dividedBy(iterationsPerWindow());
    }

    /** The burst of one caller in the spike, capped so that it stays inside every budget. */
    public int burstIterations() {
        return Math.min(plan.burstIterations(), iterationsPerWindow());
    }

    /** The bulk creations of one caller, capped so that they stay inside its POST /api/v1/users/bulk budget. */
    public int bulksPerCaller() {
        return Math.min(plan.bulksPerCaller(), iterationsPerWindow());
    }

    public Thresholds thresholds(Endpoint endpoint) {
        return endpointThresholds.get(endpoint);
    }

    private void validate() {
        if (budgetShare <= 0 || budgetShare > 1) {
            throw new HarnessConfigException("Config key 'load.budgetShare' must be in (0, 1], got " + budgetShare + ".");
        }
        if (iterationsPerWindow() + 1 > rateLimitBudget) {
            throw new HarnessConfigException("A rate-limit budget of " + rateLimitBudget + " per "
                    + rateLimitWindow.toMillis() + " ms cannot be paced with load.budgetShare = " + budgetShare + ": "
                    + iterationsPerWindow() + " iterations per window plus one late call would spend " + (iterationsPerWindow() + 1)
                    + ". Lower load.budgetShare, or check api.rateLimit.budget.");
        }
        if (plan.tenants() < 1 || plan.callersPerTenant() < 1) {
            throw new HarnessConfigException("Config keys 'load." + workload.key() + ".tenants' and '.callersPerTenant' must be at least 1.");
        }
        if (plan.batchSize() > 50) {
            throw new HarnessConfigException("Config key 'load.bulk.batchSize' must be at most 50 (the contract's bulk limit), got "
                    + plan.batchSize() + ".");
        }
    }
}
