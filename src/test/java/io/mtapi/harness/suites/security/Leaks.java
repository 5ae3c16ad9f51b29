package io.mtapi.harness.suites.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What must never leave the server: password material and the server's own internals. */
final class Leaks {

    /** A field named like a credential: password, passwd, pwd, hash, salt, secret. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i).*(passw|passwd|pwd|hash|salt|secret).*");

    /** Modular-crypt password hashes (bcrypt, argon2, scrypt, sha-crypt) and Django-style pbkdf2. */
    private static final Pattern PASSWORD_HASH = Pattern.compile(
            "\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{53}|\\$argon2(id|i|d)\\$|\\$scrypt\\$|\\$[56]\\$[^$]{1,16}\\$|pbkdf2_sha\\d+\\$");

    /** Stack frames, exception class names and framework or database internals, also inside JSON strings ("\\tat ..."). */
    private static final Map<String, Pattern> INTERNALS = Map.of(
            "a Python traceback", Pattern.compile("Traceback \\(most recent call last\\)|File \\\\?\"[^\"]+\\.py\\\\?\", line \\d+"),
            "a Java stack frame", Pattern.compile("(?:^|\\s|\\\\[tn])at [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\([^)]*\\)"),
            "an exception class name", Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\\bException\\b"),
            "framework internals", Pattern.compile("org\\.eclipse\\.jetty|io\\.javalin|com\\.fasterxml|"
                    + "starlette\\.|fastapi\\.|uvicorn\\.|pydantic_core\\.|sqlalchemy|psycopg|asyncpg"),
            "an SQL statement or error", Pattern.compile("(?i)\\bselect\\b[^\"]{1,200}\\bfrom\\b|\\binsert into\\b|"
                    + "\\bsyntax error at or near\\b|\\bsqlite3?\\b|\\bduplicate key value violates\\b"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private Leaks() {
    }

    /** Password material in a body: the known password, a password-hash value, a credential-named field. */
    static List<String> passwordMaterial(String body, String knownPassword) {
        List<String> found = new ArrayList<>();
        if (knownPassword != null && body.contains(knownPassword)) {
            found.add("the account's password itself");
        }
        if (PASSWORD_HASH.matcher(body).find()) {
            found.add("a value that is a password hash");
        }
        JsonNode tree = parse(body);
        if (tree != null) {
            collectCredentialNames(tree, "$", found);
        }
        return found;
    }

    static boolean isPasswordHash(String value) {
        return PASSWORD_HASH.matcher(value).find();
    }

    static boolean isCredentialName(String name) {
        return CREDENTIAL_NAME.matcher(name).matches();
    }

    /** What of the server's internals a body shows, with the matching text. */
    static List<String> internals(String body) {
        List<String> found = new ArrayList<>();
        INTERNALS.forEach((what, pattern) -> {
            var m = pattern.matcher(body);
            if (m.find()) {
                found.add(what + " ('" + m.group() + "')");
            }
        });
        return found;
    }

    private static void collectCredentialNames(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (isCredentialName(e.getKey())) {
                    found.add("a field named '" + e.getKey() + "' at " + path);
                }
                collectCredentialNames(e.getValue(), path + "." + e.getKey(), found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectCredentialNames(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null; // not JSON: only the text checks apply
        }
    }
}
