package io.mtapi.harness.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads {@code config/<env>.conf} with Typesafe Config and layers overrides on top:
 * file &lt; environment variable &lt; system property (or JUnit configuration parameter).
 *
 * <pre>{@code
 * HarnessConfig config = ConfigLoader.fromSystem().load();            // -Denv / API_ENV, default "embedded"
 * HarnessConfig dev = new ConfigLoader(dir, Map.of(), key -> Optional.empty()).load("dev");
 * }</pre>
 *
 * Typesafe Config does the parsing, includes, type conversion and error origins;
 * this class only maps key paths to variable names and reports errors in one line.
 */
public final class ConfigLoader {

    public static final String ENV_PROPERTY = "env";
    public static final String ENV_VARIABLE = "API_ENV";
    public static final String DEFAULT_ENV = "embedded";
    public static final String CONFIG_DIR_PROPERTY = "harness.configDir";
    /** Prefix of the variables secrets are read from, {@value #SECRETS_PREFIX} unless a parity baseline says otherwise. */
    public static final String SECRETS_PREFIX_PROPERTY = "harness.secretsPrefix";
    private static final String SECRETS_PREFIX = "API_";

    private final Path configDir;
    private final Map<String, String> environment;
    private final Function<String, Optional<String>> properties;

    /**
     * @param configDir   the folder holding {@code <env>.conf} files
     * @param environment environment variables (layer 2)
     * @param properties  system properties or JUnit configuration parameters (layer 3)
     */
    public ConfigLoader(Path configDir, Map<String, String> environment,
                        Function<String, Optional<String>> properties) {
        this.configDir = configDir;
        this.environment = Map.copyOf(environment);
        this.properties = properties;
    }

    /** A loader reading this process's environment and system properties. */
    public static ConfigLoader fromSystem() {
        Function<String, Optional<String>> systemProperties = key -> Optional.ofNullable(System.getProperty(key));
        return withProperties(systemProperties);
    }

    /** A loader reading this process's environment and the given properties (e.g. JUnit configuration parameters). */
    public static ConfigLoader withProperties(Function<String, Optional<String>> properties) {
        return new ConfigLoader(defaultConfigDir(properties),
                SimulatedEnvironment.named(properties).orElseGet(System::getenv), properties);
    }

    static Path defaultConfigDir(Function<String, Optional<String>> properties) {
        return properties.apply(CONFIG_DIR_PROPERTY)
                .or(() -> Optional.ofNullable(System.getProperty("harness.projectDir")).map(dir -> dir + "/config"))
                .map(Path::of)
                .orElse(Path.of("config"));
    }

    /** Loads the environment named by {@code -Denv}, else {@code API_ENV}, else {@value #DEFAULT_ENV}. */
    public HarnessConfig load() {
        return load(env());
    }

    /** The environment this loader reads: {@code -Denv}, else {@code API_ENV}, else {@value #DEFAULT_ENV}. */
    public String env() {
        return properties.apply(ENV_PROPERTY).filter(v -> !v.isBlank())
                .or(() -> Optional.ofNullable(environment.get(ENV_VARIABLE)).filter(v -> !v.isBlank()))
                .orElse(DEFAULT_ENV);
    }

    public HarnessConfig load(String env) {
        Config layered = layered(env);
        try {
            return typed(env, layered);
        } catch (ConfigException e) {
            throw invalid(env, e);
        }
    }

    /**
     * The environment's config tree with every override applied (file &lt; environment variable &lt;
     * system property), for a tier with keys of its own: the load tier reads {@code load.*} from it.
     * A key missing or of the wrong type there can be reported with {@link #invalid(String, ConfigException)}.
     */
    public Config layered(String env) {
        Path file = configDir.resolve(env + ".conf");
        if (!Files.isRegularFile(file)) {
            throw new HarnessConfigException("Unknown environment '" + env + "' (from -D" + ENV_PROPERTY + " or "
                    + ENV_VARIABLE + "): no file " + file + ". Known environments: " + knownEnvironments() + ".");
        }
        Config fromFile;
        try {
            fromFile = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new HarnessConfigException("Config file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return overrides(fromFile).withFallback(fromFile).resolve();
    }

    /** The one-line message of a key that is missing or invalid in the environment's config, naming where it was looked for. */
    public HarnessConfigException invalid(String env, ConfigException e) {
        String key = e instanceof ConfigException.Missing missing ? keyOf(missing) : null;
        return new HarnessConfigException("Config for environment '" + env + "' is invalid: " + e.getMessage()
                + ". Looked in " + configDir.resolve(env + ".conf") + (key == null ? "" : ", environment variable "
                + envName(key) + ", system property -D" + key) + ".", e);
    }

    /** Environment names that have a file; {@code base} is the shared include, not an environment. */
    public List<String> knownEnvironments() {
        try (Stream<Path> files = Files.list(configDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".conf") && !n.equals("base.conf"))
                    .map(n -> n.substring(0, n.length() - ".conf".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new HarnessConfigException("Config folder " + configDir.toAbsolutePath()
                    + " cannot be listed (set -D" + CONFIG_DIR_PROPERTY + "): " + e.getMessage(), e);
        }
    }

    /**
     * Environment variables and properties for every key the file defines, each value
     * carrying its own origin so an error message names the variable that set it.
     */
    private Config overrides(Config fromFile) {
        Config result = ConfigFactory.empty();
        for (var entry : fromFile.entrySet()) {
            String key = entry.getKey();
            boolean isList = entry.getValue().valueType() == ConfigValueType.LIST;
            Optional<String> property = properties.apply(key);
            Optional<String> variable = Optional.ofNullable(environment.get(envName(key)));
            if (property.isPresent()) {
                result = result.withFallback(single(key, property.get(), isList, "system property -D" + key));
            } else if (variable.isPresent()) {
                result = result.withFallback(single(key, variable.get(), isList, "environment variable " + envName(key)));
            }
        }
        return result;
    }

    private static Config single(String key, String value, boolean isList, String origin) {
        Object typed = isList
                ? Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : value;
        return ConfigFactory.parseMap(Map.of(key, typed), origin);
    }

    /**
     * The variables the secrets are read from. A parity run's baseline reads its own,
     * {@code harness.secretsPrefix=API_BASELINE_}: {@code API_BASELINE_JWT_SECRET} is its {@code API_JWT_SECRET},
     * and so on for every secret, while none of the candidate's secrets is visible to it.
     */
    private Map<String, String> secretsEnvironment() {
        String prefix = properties.apply(SECRETS_PREFIX_PROPERTY).filter(p -> !p.isBlank()).orElse(SECRETS_PREFIX);
        if (prefix.equals(SECRETS_PREFIX)) {
            return environment;
        }
        Map<String, String> renamed = new java.util.HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                renamed.put(SECRETS_PREFIX + name.substring(prefix.length()), value);
            }
        });
        return renamed;
    }

    /** {@code api.rateLimit.budget} becomes {@code API_RATE_LIMIT_BUDGET}. */
    public static String envName(String key) {
        return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').toUpperCase();
    }

    private HarnessConfig typed(String env, Config c) {
        String rawUrl = c.getString("api.baseUrl").trim();
        boolean embedded = c.getBoolean("api.embedded");
        Optional<URI> baseUrl = rawUrl.isEmpty() ? Optional.empty() : Optional.of(parseUrl(rawUrl, c));
        if (baseUrl.isEmpty() && !embedded) {
            throw new HarnessConfigException("Config key 'api.baseUrl' is empty for environment '" + env
                    + "', which has no embedded target. Set environment variable " + envName("api.baseUrl")
                    + " or -Dapi.baseUrl=https://..., or run with -Denv=embedded.");
        }
        int budget = positive(c, "api.rateLimit.budget");
        int maxPageSize = positive(c, "api.pagination.maxPageSize");
        long maxBytes = c.getLong("api.files.maxBytes");
        if (maxBytes <= 0) {
            throw invalid(c, "api.files.maxBytes", "must be a positive number of bytes");
        }
        List<String> allowedTypes = c.getStringList("api.files.allowedTypes");
        if (allowedTypes.isEmpty()) {
            throw invalid(c, "api.files.allowedTypes", "must list at least one media type");
        }
        Set<String> faults = names(c, "reference.faults");
        Set<String> freedoms = names(c, "reference.freedoms");
        return new HarnessConfig(env, baseUrl, embedded,
                new HarnessConfig.Protection(c.getBoolean("api.protection.enabled"),
                        Set.copyOf(c.getStringList("api.protection.loadHeavyTags")), c.getBoolean("api.protection.allowLoad")),
                c.getDuration("api.timeouts.connect"), c.getDuration("api.timeouts.read"), c.getDuration("api.timeouts.perBulkItem"),
                new HarnessConfig.RetrySettings(positive(c, "api.retries.attempts"),
                        c.getDuration("api.retries.initialBackoff"), c.getDuration("api.retries.maxBackoff")),
                budget, c.getDuration("api.rateLimit.window"), maxPageSize, maxBytes, List.copyOf(allowedTypes),
                c.getDuration("api.tokens.accessTtl"), positive(c, "reference.bcryptCost"), faults, freedoms,
                new HarnessConfig.Weather(c.getDouble("reference.flaky.serviceUnavailableRate"),
                        c.getDuration("reference.flaky.latency"), c.getDouble("reference.flaky.droppedConnectionRate"),
                        c.getBoolean("reference.oneWorker")),
                new HarnessConfig.ReferenceDeployment(c.getBoolean("reference.http.rejectUpgrade"),
                        c.getBoolean("reference.registration.open"),
                        Optional.of(c.getString("reference.users.initialPassword")).filter(p -> !p.isEmpty()),
                        c.getBoolean("reference.tls.enabled")),
                gaps(c), knownIssues(c, env), Secrets.from(secretsEnvironment()), c.getBoolean("gate.requireAll"),
                connection(c, env, baseUrl));
    }

    /** TLS trust and proxy; the proxy falls back to the variables curl and most tools read. */
    private HarnessConfig.Connection connection(Config c, String env, Optional<URI> baseUrl) {
        boolean insecure = c.getBoolean("api.tls.insecure");
        if (insecure && c.getBoolean("api.protection.enabled")) {
            throw invalid(c, "api.tls.insecure", "is refused for environment '" + env + "', which is protected: "
                    + "trust its CA with api.tls.trustedCa (" + envName("api.tls.trustedCa") + ") instead");
        }
        String ca = c.getString("api.tls.trustedCa").trim();
        if (!ca.isEmpty() && !Files.isReadable(Path.of(ca))) {
            throw invalid(c, "api.tls.trustedCa", "names a file that cannot be read: " + ca);
        }
        boolean https = baseUrl.map(u -> "https".equals(u.getScheme())).orElse(false);
        String proxy = firstNonBlank(c.getString("api.proxy.url"),
                https ? environment.get("HTTPS_PROXY") : environment.get("HTTP_PROXY"),
                https ? environment.get("https_proxy") : environment.get("http_proxy"));
        String noProxy = firstNonBlank(c.getString("api.proxy.noProxy"), environment.get("NO_PROXY"), environment.get("no_proxy"));
        Optional<URI> proxyUrl = Optional.empty();
        if (!proxy.isEmpty()) {
            URI parsed = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
            if (parsed.getHost() == null) {
                throw invalid(c, "api.proxy.url", "(or HTTPS_PROXY / HTTP_PROXY) is not a proxy URL with a host");
            }
            proxyUrl = Optional.of(parsed);
        }
        return new HarnessConfig.Connection(ca.isEmpty() ? Optional.empty() : Optional.of(Path.of(ca)),
                Optional.ofNullable(secretsEnvironment().get("API_TLS_TRUST_STORE_PASSWORD")).orElse(""), insecure, proxyUrl,
                Arrays.stream(noProxy.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static String firstNonBlank(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst().orElse("");
    }

    /** A comma-separated list of names, e.g. {@code reference.faults}. */
    private static Set<String> names(Config c, String key) {
        return Set.copyOf(Arrays.stream(c.getString(key).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    private static Map<String, Boolean> gaps(Config c) {
        Map<String, Boolean> gaps = new java.util.TreeMap<>();
        for (String key : c.getConfig("gaps").root().keySet()) {
            gaps.put(key, c.getBoolean("gaps." + key));
        }
        return Map.copyOf(gaps);
    }

    private static List<KnownIssue> knownIssues(Config c, String env) {
        List<KnownIssue> issues = new java.util.ArrayList<>();
        for (Config entry : c.getConfigList("knownIssues")) {
            KnownIssue issue = new KnownIssue(entry.getString("test"), entry.getString("ticket"), entry.getString("reason"));
            if (!testExists(issue.test())) {
                throw new HarnessConfigException("Known issue in config for environment '" + env + "' ("
                        + entry.origin().description() + ") names a test that does not exist: '" + issue.test()
                        + "'. Use fully.qualified.TestClass#method of an existing test, or remove the entry.");
            }
            issues.add(issue);
        }
        return List.copyOf(issues);
    }

    private static boolean testExists(String test) {
        int hash = test.indexOf('#');
        if (hash <= 0) {
            return false;
        }
        try {
            Class<?> type = Class.forName(test.substring(0, hash), false, ConfigLoader.class.getClassLoader());
            String method = test.substring(hash + 1);
            return Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static URI parseUrl(String raw, Config c) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid(c, "api.baseUrl", "must be an http(s) URL with a host, got '" + raw + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(c, "api.baseUrl", "is not a URL: " + e.getMessage());
        }
    }

    private static int positive(Config c, String key) {
        int value = c.getInt(key);
        if (value <= 0) {
            throw invalid(c, key, "must be a positive integer, got " + value);
        }
        return value;
    }

    private static HarnessConfigException invalid(Config c, String key, String problem) {
        return new HarnessConfigException("Config key '" + key + "' (set in " + c.getValue(key).origin().description()
                + ") " + problem + ".");
    }

    private static String keyOf(ConfigException.Missing missing) {
        var matcher = java.util.regex.Pattern.compile("key '([^']+)'").matcher(missing.getMessage());
        return matcher.find() ? matcher.group(1) : null;
    }
}
