package io.mtapi.harness.checks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Media types as HTTP compares them (RFC 9110 section 8.3.1): type and subtype are
 * case-insensitive, parameters follow a {@code ;}.
 *
 * <pre>{@code
 * MediaTypes.essence("Text/Plain; charset=UTF-8")     // "text/plain"
 * MediaTypes.parameters("text/plain; charset=UTF-8")  // {charset=UTF-8}
 * }</pre>
 */
public final class MediaTypes {

    private MediaTypes() {
    }

    /** {@code type/subtype} in lower case, without parameters; empty for null. */
    public static String essence(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        return mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The parameters by lower-cased name, values unquoted. */
    public static Map<String, String> parameters(String mediaType) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (mediaType == null) {
            return parameters;
        }
        String[] parts = mediaType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            String name = pair[0].strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) {
                String value = pair.length > 1 ? pair[1].strip() : "";
                parameters.put(name, value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value);
            }
        }
        return parameters;
    }
}
