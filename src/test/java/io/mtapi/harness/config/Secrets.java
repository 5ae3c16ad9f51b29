package io.mtapi.harness.config;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets come from environment variables only, never from files in
 * {@code config/}: a repository must not hold credentials of a shared deployment.
 * {@link #toString()} never prints a value.
 *
 * @param jwtSecret       HS256 signing secret of the target ({@code API_JWT_SECRET}), any length; lets the
 *                        harness mint tokens (expired ones, tokens for created users)
 * @param adminUsername   pre-provisioned admin ({@code API_ADMIN_USERNAME}): the tenant the harness works in
 *                        where registration is closed, and the tenant of the pre-provisioned member
 * @param adminPassword   its password ({@code API_ADMIN_PASSWORD})
 * @param otherAdmin      pre-provisioned admin of a second tenant ({@code API_OTHER_ADMIN_USERNAME},
 *                        {@code API_OTHER_ADMIN_PASSWORD}): the other tenant of isolation tests where
 *                        registration is closed
 * @param member          pre-provisioned role-user account in the admin's tenant ({@code API_MEMBER_USERNAME},
 *                        {@code API_MEMBER_PASSWORD})
 * @param initialPassword the password a user created through {@code POST /api/v1/users} first logs in
 *                        with, on deployments that give created users a known one
 *                        ({@code api.users.initialPassword}, variable {@code API_USERS_INITIAL_PASSWORD})
 */
public record Secrets(Optional<String> jwtSecret, Optional<String> adminUsername, Optional<String> adminPassword,
                      Optional<Credentials> otherAdmin, Optional<Credentials> member, Optional<String> initialPassword) {

    public static final String JWT_SECRET = "API_JWT_SECRET";
    public static final String ADMIN_USERNAME = "API_ADMIN_USERNAME";
    public static final String ADMIN_PASSWORD = "API_ADMIN_PASSWORD";
    public static final String OTHER_ADMIN_USERNAME = "API_OTHER_ADMIN_USERNAME";
    public static final String OTHER_ADMIN_PASSWORD = "API_OTHER_ADMIN_PASSWORD";
    public static final String MEMBER_USERNAME = "API_MEMBER_USERNAME";
    public static final String MEMBER_PASSWORD = "API_MEMBER_PASSWORD";
    /** The config key {@code api.users.initialPassword}; secret-typed, so read from its variable only. */
    public static final String INITIAL_PASSWORD = "API_USERS_INITIAL_PASSWORD";

    /** A username and its password. {@link #toString()} hides the password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ***]";
        }
    }

    static Secrets from(Map<String, String> environment) {
        Optional<Credentials> admin = pair(environment, ADMIN_USERNAME, ADMIN_PASSWORD);
        Optional<Credentials> member = pair(environment, MEMBER_USERNAME, MEMBER_PASSWORD);
        if (member.isPresent() && admin.isEmpty()) {
            throw new HarnessConfigException("Environment variables " + MEMBER_USERNAME + " and " + MEMBER_PASSWORD
                    + " are set but " + ADMIN_USERNAME + " and " + ADMIN_PASSWORD + " are not: the pre-provisioned member "
                    + "is a role-user account in the tenant of the pre-provisioned admin, so set both.");
        }
        return new Secrets(nonBlank(environment.get(JWT_SECRET)), admin.map(Credentials::username),
                admin.map(Credentials::password), pair(environment, OTHER_ADMIN_USERNAME, OTHER_ADMIN_PASSWORD), member,
                nonBlank(environment.get(INITIAL_PASSWORD)));
    }

    /** Both halves of a pair, or none; one half alone is a mistake worth stopping for. */
    private static Optional<Credentials> pair(Map<String, String> environment, String userVariable, String passwordVariable) {
        Optional<String> username = nonBlank(environment.get(userVariable));
        Optional<String> password = nonBlank(environment.get(passwordVariable));
        if (username.isPresent() != password.isPresent()) {
            throw new HarnessConfigException("Environment variable " + (username.isPresent() ? userVariable : passwordVariable)
                    + " is set but " + (username.isPresent() ? passwordVariable : userVariable) + " is not: set both or neither.");
        }
        return username.map(u -> new Credentials(u, password.orElseThrow()));
    }

    /** A copy that knows the signing secret, e.g. of an embedded target the harness started. */
    public Secrets withJwtSecret(String secret) {
        return new Secrets(Optional.of(secret), adminUsername, adminPassword, otherAdmin, member, initialPassword);
    }

    /** Both halves of the pre-provisioned admin are present. */
    public boolean hasAdminCredentials() {
        return adminUsername.isPresent() && adminPassword.isPresent();
    }

    /** The pre-provisioned admin ({@code API_ADMIN_USERNAME}, {@code API_ADMIN_PASSWORD}). */
    public Optional<Credentials> admin() {
        return adminUsername.map(u -> new Credentials(u, adminPassword.orElseThrow()));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        return "Secrets[jwtSecret=" + shown(jwtSecret) + ", admin=" + shown(adminUsername) + ", otherAdmin="
                + shown(otherAdmin) + ", member=" + shown(member) + ", initialPassword=" + shown(initialPassword) + "]";
    }

    private static String shown(Optional<?> value) {
        return value.isPresent() ? "***" : "absent";
    }
}
