package io.mtapi.harness.data;

import io.mtapi.harness.api.Registration;

import java.security.SecureRandom;

/**
 * Tenants for {@code POST /auth/register}: a unique tenant name (company name, run id,
 * counter; at most 50 characters) and a unique admin with a strong random password.
 */
public final class Tenants {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private Tenants() {
    }

    public static Registration registration() {
        String admin = Users.username();
        return new Registration(tenantName(), Users.emailFor(admin), admin, password());
    }

    public static String tenantName() {
        String company = Faker.get().company().name().replaceAll("[^A-Za-z0-9 ]", "").trim();
        String suffix = " " + RunId.unique();
        return company.substring(0, Math.min(company.length(), 50 - suffix.length())).trim() + suffix;
    }

    /** 20 random characters plus every character class a password policy could ask for. */
    public static String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.append("a1A!").toString();
    }
}
