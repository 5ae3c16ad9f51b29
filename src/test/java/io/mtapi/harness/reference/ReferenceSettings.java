package io.mtapi.harness.reference;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Deployment settings of one embedded reference target (CONTRACT.md: "per-deployment settings").
 *
 * @param rejectUpgrade answer any request that asks for a protocol upgrade ({@code Upgrade}, or
 *                      {@code Connection: upgrade}) with 400, as uvicorn 0.17 and some proxies do
 *                      ({@code reference.http.rejectUpgrade}): proves the harness speaks plain HTTP/1.1
 * @param registrationOpen false: {@code POST /auth/register} answers 403, as deployments whose tenants are
 *                      made by their operators do ({@code reference.registration.open})
 * @param initialPassword the password users created through {@code POST /api/v1/users} log in with; null: a
 *                      random one nobody knows, as the contract has it ({@code reference.users.initialPassword})
 * @param tls           serve HTTPS with a self-signed certificate made at start ({@code reference.tls.enabled})
 */
public record ReferenceSettings(
        String jwtSecret,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        int bcryptCost,
        int rateLimitBudget,
        Duration rateLimitWindow,
        int maxPageSize,
        long maxFileBytes,
        List<String> allowedContentTypes,
        Set<Fault> faults,
        boolean rejectUpgrade,
        boolean registrationOpen,
        String initialPassword,
        boolean tls) {

    /** A fixed development secret: the harness mints tokens with it, so it must be known. */
    public static final String DEV_SECRET = "embedded-reference-target-dev-secret-not-for-production";

    public ReferenceSettings {
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        // Any length, as PyJWT signs with: a short secret is the deployment's weakness, which the harness reports.
        if (jwtSecret.isEmpty()) throw new IllegalArgumentException("jwtSecret must not be empty");
        requirePositive(accessTokenTtl, "accessTokenTtl");
        requirePositive(refreshTokenTtl, "refreshTokenTtl");
        requirePositive(rateLimitWindow, "rateLimitWindow");
        if (bcryptCost < 4 || bcryptCost > 31) throw new IllegalArgumentException("bcryptCost must be 4..31");
        if (rateLimitBudget < 1) throw new IllegalArgumentException("rateLimitBudget must be >= 1");
        if (maxPageSize < 1) throw new IllegalArgumentException("maxPageSize must be >= 1");
        // Multipart limits are derived from it as an int (in-memory threshold), so keep headroom.
        if (maxFileBytes < 1 || maxFileBytes > 512L * 1024 * 1024) throw new IllegalArgumentException("maxFileBytes must be 1..512 MiB");
        allowedContentTypes = List.copyOf(allowedContentTypes);
        faults = Set.copyOf(faults);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }

    /** The contract defaults, embedded bcrypt cost 4, no faults. */
    public static ReferenceSettings defaults() {
        return new ReferenceSettings(DEV_SECRET, Duration.ofMinutes(30), Duration.ofDays(7), 4, 10,
                Duration.ofSeconds(60), 100, 10L * 1024 * 1024,
                List.of("image/jpeg", "image/png", "image/gif", "application/pdf", "text/plain", "text/csv"),
                Set.of(), false, true, null, false);
    }

    public ReferenceSettings withFaults(Set<Fault> faults) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withRejectUpgrade(boolean reject) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, reject, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withRegistrationOpen(boolean open) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, open, initialPassword, tls);
    }

    public ReferenceSettings withInitialPassword(String password) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, password, tls);
    }

    public ReferenceSettings withTls(boolean https) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, https);
    }

    public ReferenceSettings withRateLimit(int budget, Duration window) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, budget,
                window, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withJwtSecret(String secret) {
        return new ReferenceSettings(secret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withTokenTtls(Duration access, Duration refresh) {
        return new ReferenceSettings(jwtSecret, access, refresh, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withBcryptCost(int cost) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, cost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withMaxPageSize(int max) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, max, maxFileBytes, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withMaxFileBytes(long max) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, max, allowedContentTypes, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }

    public ReferenceSettings withAllowedContentTypes(List<String> types) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, types, faults, rejectUpgrade, registrationOpen, initialPassword, tls);
    }
}
