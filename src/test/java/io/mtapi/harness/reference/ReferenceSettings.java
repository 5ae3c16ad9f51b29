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
        boolean rejectUpgrade) {

    /** A fixed development secret: the harness mints tokens with it, so it must be known. */
    public static final String DEV_SECRET = "embedded-reference-target-dev-secret-not-for-production";

    public ReferenceSettings {
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        if (jwtSecret.length() < 32) throw new IllegalArgumentException("jwtSecret must have at least 32 characters (HS256)");
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
                Set.of(), false);
    }

    public ReferenceSettings withFaults(Set<Fault> faults) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withRejectUpgrade(boolean reject) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, reject);
    }

    public ReferenceSettings withRateLimit(int budget, Duration window) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, budget,
                window, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withJwtSecret(String secret) {
        return new ReferenceSettings(secret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withTokenTtls(Duration access, Duration refresh) {
        return new ReferenceSettings(jwtSecret, access, refresh, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withBcryptCost(int cost) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, cost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withMaxPageSize(int max) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, max, maxFileBytes, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withMaxFileBytes(long max) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, max, allowedContentTypes, faults, rejectUpgrade);
    }

    public ReferenceSettings withAllowedContentTypes(List<String> types) {
        return new ReferenceSettings(jwtSecret, accessTokenTtl, refreshTokenTtl, bcryptCost, rateLimitBudget,
                rateLimitWindow, maxPageSize, maxFileBytes, types, faults, rejectUpgrade);
    }
}
