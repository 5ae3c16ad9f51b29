package io.mtapi.harness.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The typed, validated configuration of one run. Load it with {@link ConfigLoader};
 * every key is documented in {@code config/base.conf}.
 *
 * @param env            environment name, the file {@code config/<env>.conf}
 * @param baseUrl        deployment under test; empty when the embedded reference target is to be started
 * @param embedded       whether an empty base URL starts the embedded reference target
 * @param readTimeoutPerBulkItem added to the read timeout of a bulk creation per item: each item costs the
 *                       target a password hash (about 0.25 s at bcrypt cost 12)
 * @param maxFileBytes   upload size limit of the target (CONTRACT.md section 5)
 * @param referenceFaults faults switched on in the embedded reference target
 * @param referenceDeployment choices of the embedded reference target that a real deployment may make
 * @param gaps           contract-gap checks by key: true runs the check, false skips it
 * @param knownIssues    tests known to fail on this environment, with their tickets
 * @param requireAll     {@code gate.requireAll}: tests not judged fail the gate
 */
public record HarnessConfig(
        String env,
        Optional<URI> baseUrl,
        boolean embedded,
        Protection protection,
        Duration connectTimeout,
        Duration readTimeout,
        Duration readTimeoutPerBulkItem,
        RetrySettings retries,
        int rateLimitBudget,
        Duration rateLimitWindow,
        int maxPageSize,
        long maxFileBytes,
        List<String> allowedTypes,
        Duration accessTokenTtl,
        int referenceBcryptCost,
        Set<String> referenceFaults,
        Weather referenceWeather,
        ReferenceDeployment referenceDeployment,
        java.util.Map<String, Boolean> gaps,
        List<KnownIssue> knownIssues,
        Secrets secrets,
        boolean requireAll,
        Connection connection) {

    /**
     * How the run reaches the target ({@code api.tls.*}, {@code api.proxy.*}).
     *
     * @param trustedCa          a CA bundle (PEM) or trust store (PKCS12/JKS) trusted besides the JVM's CAs
     * @param trustStorePassword its password, if it is a trust store
     * @param insecure           trust any certificate and host name (dev only; refused where protected)
     * @param proxy              the proxy for this target's scheme, from {@code api.proxy.url} or HTTPS_PROXY / HTTP_PROXY
     * @param noProxy            hosts reached directly, from {@code api.proxy.noProxy} or NO_PROXY
     */
    public record Connection(Optional<java.nio.file.Path> trustedCa, String trustStorePassword, boolean insecure,
                             Optional<URI> proxy, List<String> noProxy) {
        @Override
        public String toString() { // a proxy URL may carry credentials
            return "Connection[trustedCa=" + trustedCa.orElse(null) + ", insecure=" + insecure + ", proxy="
                    + proxy.map(p -> p.getScheme() + "://" + p.getHost() + ":" + p.getPort()).orElse("none") + "]";
        }
    }


    /**
     * Retries of calls a flaky target failed without answering.
     *
     * @param attempts       total attempts per call, 1 = no retry
     * @param initialBackoff first wait, doubled each retry (with jitter)
     * @param maxBackoff     longest wait
     */
    public record RetrySettings(int attempts, Duration initialBackoff, Duration maxBackoff) {
    }

    /**
     * A protected environment (production, a shared demo) refuses the suites that load
     * or flood the target unless the run explicitly allows them.
     *
     * @param enabled        whether the environment is protected
     * @param loadHeavyTags  tags refused there
     * @param allowLoad      the explicit permission ({@code -Dapi.protection.allowLoad=true})
     */
    public record Protection(boolean enabled, Set<String> loadHeavyTags, boolean allowLoad) {

        /** The load-heavy tags among these that this run refuses; empty when nothing is refused. */
        public Set<String> refused(Set<String> tags) {
            if (!enabled || allowLoad) {
                return Set.of();
            }
            return tags.stream().filter(loadHeavyTags::contains).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /**
     * Flaky mode of the embedded reference target ({@code reference.flaky}).
     *
     * @param serviceUnavailableRate share of requests answered 503 before processing
     * @param latency                added to every request
     * @param droppedConnectionRate  share of requests whose connection is closed without an answer
     *                               (half before processing, half after)
     * @param oneWorker              one request processed at a time ({@code reference.oneWorker}), as a
     *                               one-worker async server that hashes on its request thread
     */
    public record Weather(double serviceUnavailableRate, Duration latency, double droppedConnectionRate,
                          boolean oneWorker) {
    }

    /**
     * Choices of the embedded reference target ({@code reference.*}) that real deployments make and the
     * harness must cope with.
     *
     * @param rejectUpgrade    {@code reference.http.rejectUpgrade}: requests asking for a protocol upgrade get 400
     * @param registrationOpen {@code reference.registration.open}: false answers registrations 403
     * @param initialPassword  {@code reference.users.initialPassword}: created users' first password; empty: none
     * @param tls              {@code reference.tls.enabled}: HTTPS with a certificate made at start
     */
    public record ReferenceDeployment(boolean rejectUpgrade, boolean registrationOpen, Optional<String> initialPassword,
                                      boolean tls) {
    }

    /** Whether the contract-gap check of that key runs here; an unknown key is a config error. */
    public boolean gapChecked(String key) {
        Boolean checked = gaps.get(key);
        if (checked == null) {
            throw new HarnessConfigException("Contract-gap check '" + key + "' has no key gaps." + key
                    + " in config/base.conf; known: " + new java.util.TreeSet<>(gaps.keySet()));
        }
        return checked;
    }

    /** The known-issue entry of a test method, if it has one. */
    public java.util.Optional<KnownIssue> knownIssue(String className, String methodName) {
        return knownIssues.stream().filter(k -> k.names(className, methodName)).findFirst();
    }

    /** True when this run starts its own reference target instead of calling a deployment. */
    public boolean startsEmbeddedTarget() {
        return baseUrl.isEmpty();
    }

    /** A copy whose secrets know the signing secret of the embedded target. */
    public HarnessConfig withJwtSecret(String secret) {
        return new HarnessConfig(env, baseUrl, embedded, protection, connectTimeout, readTimeout, readTimeoutPerBulkItem, retries, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedTypes, accessTokenTtl, referenceBcryptCost,
                referenceFaults, referenceWeather, referenceDeployment, gaps, knownIssues, secrets.withJwtSecret(secret), requireAll, connection);
    }
}
