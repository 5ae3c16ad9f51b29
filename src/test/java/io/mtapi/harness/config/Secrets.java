package io.mtapi.harness.config;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets come from environment variables only, never from files in
 * {@code config/}: a repository must not hold credentials of a shared deployment.
 * {@link #toString()} never prints a value.
 *
 * @param jwtSecret     HS256 signing secret of a dev target ({@code API_JWT_SECRET}); lets the
 *                      harness mint tokens (expired ones, tokens for created users)
 * @param adminUsername pre-provisioned admin ({@code API_ADMIN_USERNAME})
 * @param adminPassword its password ({@code API_ADMIN_PASSWORD})
 */
public record Secrets(Optional<String> jwtSecret, Optional<String> adminUsername, Optional<String> adminPassword) {

    public static final String JWT_SECRET = "API_JWT_SECRET";
    public static final String ADMIN_USERNAME = "API_ADMIN_USERNAME";
    public static final String ADMIN_PASSWORD = "API_ADMIN_PASSWORD";

    static Secrets from(Map<String, String> environment) {
        return new Secrets(
                nonBlank(environment.get(JWT_SECRET)),
                nonBlank(environment.get(ADMIN_USERNAME)),
                nonBlank(environment.get(ADMIN_PASSWORD)));
    }

    /** A copy that knows the signing secret, e.g. of an embedded target the harness started. */
    public Secrets withJwtSecret(String secret) {
        return new Secrets(Optional.of(secret), adminUsername, adminPassword);
    }

    /** Both halves of the pre-provisioned admin are present. */
    public boolean hasAdminCredentials() {
        return adminUsername.isPresent() && adminPassword.isPresent();
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "Secrets[jwtSecret=" + shown(jwtSecret) + ", adminUsername=" + shown(adminUsername)
                + ", adminPassword=" + shown(adminPassword) + "]";
    }

    private static String shown(Optional<String> value) {
        return value.isPresent() ? "***" : "absent";
    }
}
