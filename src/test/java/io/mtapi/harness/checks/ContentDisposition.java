package io.mtapi.harness.checks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code Content-Disposition} header value parsed by RFC 6266: a disposition type and
 * parameters whose values are tokens or quoted strings; {@code filename*} is RFC 8187
 * ({@code UTF-8''percent-encoded}). Parsing is strict on purpose: a filename that was
 * put into the header unescaped (a stray quote, a repeated parameter) is a parse error,
 * because that is what a header injection looks like from the client's side.
 */
record ContentDisposition(String type, Map<String, String> parameters) {

    static ContentDisposition parse(String header) {
        if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("it contains CR or LF");
        }
        var cursor = new Cursor(header);
        String type = cursor.token();
        if (type.isEmpty()) {
            throw new IllegalArgumentException("it has no disposition type");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (cursor.skipSpaces().more()) {
            cursor.expect(';');
            if (!cursor.skipSpaces().more()) {
                break; // a trailing ';' is tolerated by every parser
            }
            String name = cursor.token().toLowerCase(Locale.ROOT);
            cursor.skipSpaces().expect('=');
            cursor.skipSpaces();
            String value = cursor.peek() == '"' ? cursor.quoted() : cursor.token();
            if (name.isEmpty() || parameters.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException(name.isEmpty() ? "a parameter has no name"
                        : "parameter '" + name + "' appears twice");
            }
        }
        return new ContentDisposition(type.toLowerCase(Locale.ROOT), parameters);
    }

    Optional<String> filename() {
        return Optional.ofNullable(parameters.get("filename"));
    }

    /** {@code filename*} decoded, if present and well-formed. */
    Optional<String> extendedFilename() {
        String value = parameters.get("filename*");
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("'", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("filename* is not charset'language'value: " + value);
        }
        return Optional.of(percentDecode(parts[2], charset(parts[0])));
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("filename* names an unknown charset '" + name + "'", e);
        }
    }

    private static String percentDecode(String value, Charset charset) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                bytes.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("filename* has a broken percent escape: " + value);
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(charset);
    }

    private static final class Cursor {
        private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        char peek() {
            return more() ? text.charAt(at) : '\0';
        }

        Cursor skipSpaces() {
            while (more() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
            return this;
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at position " + at + " but found "
                        + (more() ? "'" + peek() + "'" : "the end"));
            }
            at++;
        }

        String token() {
            int start = at;
            while (more() && peek() > 0x20 && peek() < 0x7f && SEPARATORS.indexOf(peek()) < 0) {
                at++;
            }
            return text.substring(start, at);
        }

        String quoted() {
            expect('"');
            var value = new StringBuilder();
            while (more() && peek() != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    if (!more()) {
                        break;
                    }
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            expect('"');
            return value.toString();
        }
    }
}
