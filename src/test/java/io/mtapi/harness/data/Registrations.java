package io.mtapi.harness.data;

import io.mtapi.harness.api.Registration;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bodies for {@code POST /auth/register} beyond {@link Tenants#registration()}: exact field
 * lengths for boundary tests, and named invalid variants (each must be rejected with 422).
 *
 * <pre>{@code
 * Registration shortest = Registrations.withLengths(3, 3, 8);
 * Map<String, Object> body = Registrations.invalid(Registrations.Invalid.ADMIN_PASSWORD_TOO_SHORT);
 * }</pre>
 */
public final class Registrations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Registrations() {
    }

    /**
     * A valid registration whose tenant name, admin username and admin password have exactly
     * these lengths. Names of 12 characters or more carry the run id and are unique; shorter
     * ones are random and can, rarely, be taken already (409).
     */
    public static Registration withLengths(int tenantNameLength, int usernameLength, int passwordLength) {
        return new Registration(ofLength(tenantNameLength, "tenant"), Users.email(), ofLength(usernameLength, "admin"),
                passwordOfLength(passwordLength));
    }

    /** The body as a mutable map, for building invalid variants. */
    public static Map<String, Object> asMap(Registration registration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_name", registration.tenantName());
        body.put("admin_email", registration.adminEmail());
        body.put("admin_username", registration.adminUsername());
        body.put("admin_password", registration.adminPassword());
        return body;
    }

    /** Named ways to break a registration: lengths one past each boundary, bad email, missing fields. */
    public enum Invalid {
        TENANT_NAME_TOO_SHORT("tenant_name", 2),
        TENANT_NAME_TOO_LONG("tenant_name", 51),
        TENANT_NAME_MISSING("tenant_name", null),
        ADMIN_USERNAME_TOO_SHORT("admin_username", 2),
        ADMIN_USERNAME_TOO_LONG("admin_username", 51),
        ADMIN_USERNAME_MISSING("admin_username", null),
        ADMIN_PASSWORD_TOO_SHORT("admin_password", 7),
        ADMIN_PASSWORD_MISSING("admin_password", null),
        ADMIN_EMAIL_WITHOUT_AT("admin_email", null),
        ADMIN_EMAIL_WITHOUT_DOMAIN("admin_email", null),
        ADMIN_EMAIL_MISSING("admin_email", null);

        private final String field;
        private final Integer length;

        Invalid(String field, Integer length) {
            this.field = field;
            this.length = length;
        }

        public String field() {
            return field;
        }
    }

    /** A fresh, otherwise valid registration body broken in the named way. */
    public static Map<String, Object> invalid(Invalid variant) {
        Map<String, Object> body = asMap(Tenants.registration());
        switch (variant) {
            case TENANT_NAME_MISSING, ADMIN_USERNAME_MISSING, ADMIN_PASSWORD_MISSING, ADMIN_EMAIL_MISSING ->
                    body.remove(variant.field);
            case ADMIN_EMAIL_WITHOUT_AT -> body.put(variant.field, "no-at-sign." + RunId.unique() + ".example.com");
            case ADMIN_EMAIL_WITHOUT_DOMAIN -> body.put(variant.field, "nodomain." + RunId.unique() + "@");
            case ADMIN_PASSWORD_TOO_SHORT -> body.put(variant.field, passwordOfLength(variant.length));
            default -> body.put(variant.field, ofLength(variant.length, variant.field.startsWith("tenant") ? "tenant" : "admin"));
        }
        return body;
    }

    /** A name of exactly {@code length} characters: unique (run id) when long enough, random otherwise. */
    static String ofLength(int length, String prefix) {
        String unique = prefix + "." + RunId.unique();
        if (length >= unique.length()) {
            return unique + "x".repeat(length - unique.length());
        }
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(LOWER_ALNUM.charAt(RANDOM.nextInt(LOWER_ALNUM.length())));
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    /** A random password of exactly {@code length} characters, with every class a policy might ask for. */
    static String passwordOfLength(int length) {
        String classes = "a1A!";
        String random = Tenants.password();
        while (random.length() < length) {
            random += Tenants.password();
        }
        return length <= classes.length() ? classes.substring(0, length)
                : random.substring(0, length - classes.length()) + classes;
    }
}
