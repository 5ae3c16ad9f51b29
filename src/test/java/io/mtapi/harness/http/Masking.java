package io.mtapi.harness.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before anything reaches a report or a log, whatever the encoding they travel
 * in: JSON (pretty or compact, or escaped inside a JSON string), form-encoded bodies and query
 * strings, multipart fields, headers, and any JWT anywhere in a text.
 *
 * <p>A secret is not blanked but replaced by a short, stable fingerprint: the same token reads
 * {@code token#3 …a1f9} in every step and message of the run, so a reviewer can tell which token a
 * logout, a rotation or a forged-token test sent, and no secret is shown. A token's fingerprint ends
 * with its last four characters (a quarter of nothing: they are the tail of a 256-bit signature);
 * passwords and other secrets show no character of themselves ({@code password#2}).
 *
 * <pre>{@code
 * Masking.text("{\"password\":\"s3cret-pass\"}")  // {"password":"password#1"}
 * Masking.header("Authorization", "Bearer eyJ...") // Bearer token#1 …x9Qk
 * }</pre>
 */
public final class Masking {

    /** Field, parameter and part names whose values are secrets: any name with one of these words. */
    private static final String SECRET_NAME = "[A-Za-z0-9_-]*?(?:password|passwd|secret|token|api[_-]?key)[A-Za-z0-9_-]*";
    private static final Pattern SECRET_NAME_PATTERN = Pattern.compile(SECRET_NAME, Pattern.CASE_INSENSITIVE);
    /** Names with a secret word whose values are not secrets. */
    private static final java.util.Set<String> NOT_SECRET = java.util.Set.of("token_type");

    // Possessive runs: one loop step per run of plain characters, so a megabyte-long value does not
    // overflow the regex engine's stack.
    /** A JSON member with a string, number or boolean value: {@code "password" : "..."}. */
    private static final Pattern JSON_FIELD = Pattern.compile("(\"(" + SECRET_NAME + ")\"\\s*+:\\s*+)"
            + "(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?\\d[\\d.eE+-]*+|true|false)", Pattern.CASE_INSENSITIVE);
    /** The same member escaped inside a JSON string (an error echoing the raw body): {@code \"password\":\"...\"}. */
    private static final Pattern ESCAPED_JSON_FIELD = Pattern.compile("(\\\\\"(" + SECRET_NAME + ")\\\\\"\\s*+:\\s*+)"
            + "(\\\\\"(?:[^\"\\\\]++|\\\\(?!\")[^\"]?+)*+\\\\\")", Pattern.CASE_INSENSITIVE);
    /** {@code password=...} in a form body or a query string (also after ?, & or ; and in a text). */
    private static final Pattern FORM_FIELD = Pattern.compile("(^|[?&;\\s])(" + SECRET_NAME + ")=([^&\\s#\"']*+)",
            Pattern.CASE_INSENSITIVE);
    /** A validation item that echoes the input of a secret field (pydantic 2: {@code "loc": [.., "password"], "input": ...}). */
    // The item may hold one level of nested objects (pydantic 2's "ctx": {"error": ...}).
    private static final Pattern ECHOED_INPUT = Pattern.compile("\\{(?:[^{}]|\\{[^{}]*+})*?\"loc\"\\s*+:\\s*+\\[[^\\]]*?\""
            + SECRET_NAME + "\"\\s*+](?:[^{}]|\\{[^{}]*+})*+}", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT_FIELD = Pattern.compile("(\"input\"\\s*+:\\s*+)(\"(?:[^\"\\\\]++|\\\\.)*+\"|-?\\d[\\d.eE+-]*+)");
    /** Three base64url segments starting with a JSON header: any JWT, signed or not. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*+\\.[A-Za-z0-9_-]*+\\.[A-Za-z0-9_-]*+");

    /** Headers whose whole value (after an auth scheme) is a credential. */
    private static final java.util.Set<String> CREDENTIAL_HEADERS = java.util.Set.of("authorization",
            "proxy-authorization", "x-api-key", "api-key", "x-auth-token", "x-access-token");

    /** Fingerprints of the run, by secret: the same secret always gets the same one. */
    private static final Map<String, String> FINGERPRINTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

    private Masking() {
    }

    /** Masks secret fields of any encoding and any JWT in a body, URL or message. */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        if (masked.indexOf('"') >= 0) {
            if (masked.contains("\"input\"")) {
                masked = ECHOED_INPUT.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                        INPUT_FIELD.matcher(m.group()).replaceAll(i -> Matcher.quoteReplacement(
                                i.group(1) + quoted(fingerprint("password", unquoted(i.group(2))))))));
            }
            masked = JSON_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(isSecretName(m.group(2))
                    ? m.group(1) + quoted(fingerprint(kindOf(m.group(2)), unquoted(m.group(3)))) : m.group()));
            if (masked.contains("\\\"")) {
                masked = ESCAPED_JSON_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(isSecretName(m.group(2))
                        ? m.group(1) + "\\\"" + fingerprint(kindOf(m.group(2)), m.group(3).substring(2, m.group(3).length() - 2))
                        + "\\\"" : m.group()));
            }
        }
        if (masked.indexOf('=') >= 0) {
            masked = FORM_FIELD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(isSecretName(m.group(2))
                    && !m.group(3).isEmpty() ? m.group(1) + m.group(2) + "=" + fingerprint(kindOf(m.group(2)), decoded(m.group(3)))
                    : m.group()));
        }
        if (masked.contains("eyJ")) {
            masked = JWT.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(fingerprint("token", m.group())));
        }
        return masked;
    }

    /** A header value as it may be shown: credentials fingerprinted, the scheme kept ({@code Bearer token#3 …a1f9}). */
    public static String header(String name, String value) {
        if (value == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (CREDENTIAL_HEADERS.contains(lower)) {
            int space = value.indexOf(' ');
            String scheme = space < 0 ? "" : value.substring(0, space + 1);
            String credential = space < 0 ? value : value.substring(space + 1).trim();
            return credential.isEmpty() ? value : scheme + fingerprint("token", credential);
        }
        if (lower.equals("cookie") || lower.equals("set-cookie")) {
            return cookies(value);
        }
        return text(value);
    }

    /** A named value (a form or multipart field, a query parameter): fingerprinted if the name is a secret's. */
    public static String field(String name, String value) {
        if (value == null) {
            return null;
        }
        return isSecretName(name) && !value.isEmpty() ? fingerprint(kindOf(name), value) : text(value);
    }

    /** Every cookie value is a credential until shown otherwise: {@code session=secret#4; Path=/}. */
    private static String cookies(String value) {
        StringBuilder out = new StringBuilder();
        String[] parts = value.split(";", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            if (eq < 0 || COOKIE_ATTRIBUTES.contains(part.substring(0, eq).trim().toLowerCase(Locale.ROOT))) {
                out.append(part);
            } else {
                out.append(part, 0, eq + 1).append(fingerprint("secret", part.substring(eq + 1).trim()));
            }
            if (i < parts.length - 1) {
                out.append(';');
            }
        }
        return out.toString();
    }

    private static final java.util.Set<String> COOKIE_ATTRIBUTES =
            java.util.Set.of("path", "domain", "expires", "max-age", "samesite", "secure", "httponly");

    static boolean isSecretName(String name) {
        return SECRET_NAME_PATTERN.matcher(name).matches() && !NOT_SECRET.contains(name.toLowerCase(Locale.ROOT));
    }

    private static String kindOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("token") ? "token" : lower.contains("pass") ? "password" : "secret";
    }

    /**
     * The run's fingerprint of a secret: {@code token#N …tail} for a JWT (its last four characters),
     * {@code token#N} for an opaque token, {@code password#N} or {@code secret#N} otherwise. Numbered in
     * order of first sight, per kind.
     */
    static String fingerprint(String kind, String secret) {
        if (secret.isEmpty()) {
            return secret;
        }
        String effectiveKind = JWT.matcher(secret).matches() ? "token" : kind;
        return FINGERPRINTS.computeIfAbsent(effectiveKind + '\u0000' + secret, key -> {
            int n = COUNTERS.computeIfAbsent(effectiveKind, k -> new AtomicInteger()).incrementAndGet();
            boolean jwt = JWT.matcher(secret).matches();
            return effectiveKind + "#" + n + (jwt && secret.length() > 24 ? " …" + secret.substring(secret.length() - 4) : "");
        });
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    private static String quoted(String value) {
        return "\"" + value + "\"";
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
