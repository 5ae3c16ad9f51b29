package io.mtapi.harness.http;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before anything reaches a report or a log: bearer tokens,
 * JWTs anywhere in a text, and the values of credential-carrying JSON fields
 * (register and login bodies carry passwords, token responses carry tokens).
 */
public final class Masking {

    static final String MASK = "***";

    /** JSON keys whose string values are secrets. */
    private static final Set<String> SECRET_KEYS = Set.of(
            "password", "admin_password", "access_token", "refresh_token", "token", "secret", "jwt_secret");

    // Possessive runs: one loop step per run of plain characters, not per character, so a
    // megabyte-long value does not overflow the regex engine's stack.
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:" + String.join("|", SECRET_KEYS) + ")\"\\s*:\\s*)\"(?:[^\"\\\\]++|\\\\.)*+\"");

    /** Three base64url segments starting with a JSON header: any JWT, signed or not. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private Masking() {
    }

    /** Masks secret JSON fields and any JWT in a body or message. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String fieldsMasked = SECRET_FIELD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        return JWT.matcher(fieldsMasked).replaceAll(MASK);
    }

    /** Keeps the scheme of an Authorization header, masks the credential. */
    public static String header(String name, String value) {
        if (value == null) {
            return null;
        }
        if ("authorization".equalsIgnoreCase(name)) {
            int space = value.indexOf(' ');
            return space < 0 ? MASK : value.substring(0, space + 1) + MASK;
        }
        return text(value);
    }
}
