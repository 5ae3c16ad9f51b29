package io.mtapi.harness.data;

import io.mtapi.harness.api.NewUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Users for {@code POST /api/v1/users}: unique and valid by default, named invalid
 * variants on request.
 *
 * <pre>{@code
 * NewUser alice = Users.valid();
 * NewUser admin = Users.valid().withRole("admin");
 * Map<String, Object> tooShort = Users.invalid(Users.Invalid.USERNAME_TOO_SHORT);
 * }</pre>
 */
public final class Users {

    private static final String SHORT_NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Users() {
    }

    /** A valid user, role left to the target's default. */
    public static NewUser valid() {
        String username = username();
        return new NewUser(username, emailFor(username), Faker.get().name().fullName(), null);
    }

    public static List<NewUser> valid(int count) {
        return IntStream.range(0, count).mapToObj(i -> valid()).toList();
    }

    /** A unique username of 3-50 characters: a first name, the run id and a counter. */
    public static String username() {
        return Faker.slug(Faker.get().name().firstName(), 12) + "." + RunId.unique();
    }

    /**
     * A username of exactly {@code length} characters, for boundary tests. Longer than a
     * run token (some 15 characters) it is unique like {@link #username()}; shorter ones are
     * random lower-case letters and digits, so a long-lived deployment may already hold one
     * (there are only 36^3 three-character names): expect a 409 now and then and retry.
     */
    public static String username(int length) {
        String token = RunId.unique();
        if (length > token.length()) {
            return "u".repeat(length - token.length()) + token;
        }
        StringBuilder name = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            name.append(SHORT_NAME_ALPHABET.charAt(random.nextInt(SHORT_NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    /** A unique, valid email for a username (example.com: reserved, accepted by email validators). */
    public static String emailFor(String username) {
        return username + "@example.com";
    }

    /** A unique, valid email. */
    public static String email() {
        return emailFor("mail." + RunId.unique());
    }

    /** The body of a valid user as a mutable map, for building invalid variants. */
    public static Map<String, Object> asMap(NewUser user) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("email", user.email());
        body.put("full_name", user.fullName());
        if (user.role() != null) {
            body.put("role", user.role());
        }
        return body;
    }

    /** Named ways to break a user body; each must be rejected with 422. */
    public enum Invalid {
        USERNAME_TOO_SHORT("username", "ab"),
        USERNAME_TOO_LONG("username", "u".repeat(51)),
        USERNAME_MISSING("username", Missing.FIELD),
        USERNAME_NOT_A_STRING("username", 12345),
        EMAIL_WITHOUT_AT("email", "not-an-email.example.com"),
        EMAIL_WITHOUT_DOMAIN("email", "someone@"),
        EMAIL_MISSING("email", Missing.FIELD),
        FULL_NAME_EMPTY("full_name", ""),
        FULL_NAME_TOO_LONG("full_name", "n".repeat(101)),
        FULL_NAME_MISSING("full_name", Missing.FIELD),
        ROLE_UNKNOWN("role", "superuser"),
        // More shapes of a bad email.
        EMAIL_WITHOUT_LOCAL_PART("email", "@example.com"),
        EMAIL_WITH_SPACE("email", "some one@example.com"),
        EMAIL_WITH_TWO_AT("email", "some@one@example.com"),
        EMAIL_EMPTY("email", ""),
        ROLE_EMPTY("role", ""),
        // Wrong JSON types: each string field given a number, an array, an object or null
        // (USERNAME_NOT_A_STRING above is the username's number).
        USERNAME_ARRAY("username", List.of("alice")),
        USERNAME_OBJECT("username", Map.of("name", "alice")),
        USERNAME_NULL("username", null),
        EMAIL_NUMBER("email", 12345),
        EMAIL_ARRAY("email", List.of("someone@example.com")),
        EMAIL_OBJECT("email", Map.of("address", "someone@example.com")),
        EMAIL_NULL("email", null),
        FULL_NAME_NUMBER("full_name", 12345),
        FULL_NAME_ARRAY("full_name", List.of("Alice", "Smith")),
        FULL_NAME_OBJECT("full_name", Map.of("first", "Alice")),
        FULL_NAME_NULL("full_name", null),
        ROLE_NUMBER("role", 1),
        ROLE_ARRAY("role", List.of("admin")),
        ROLE_OBJECT("role", Map.of("name", "admin")),
        ROLE_NULL("role", null);

        private final String field;
        private final Object value;

        Invalid(String field, Object value) {
            this.field = field;
            this.value = value;
        }

        public String field() {
            return field;
        }

        /** Whether the variant leaves the field out rather than giving it a bad value. */
        public boolean isMissingField() {
            return value == Missing.FIELD;
        }
    }

    /** A fresh, otherwise valid user body broken in the named way. */
    public static Map<String, Object> invalid(Invalid variant) {
        Map<String, Object> body = asMap(valid());
        if (variant.value == Missing.FIELD) {
            body.remove(variant.field);
        } else {
            body.put(variant.field, variant.value);
        }
        return body;
    }

    /**
     * The variant's bad value alone, as a {@code PUT /api/v1/users/{id}} body, e.g.
     * {@code {"email": "not-an-email.example.com"}}. Not for variants that leave a field out.
     */
    public static Map<String, Object> invalidChange(Invalid variant) {
        if (variant.isMissingField()) {
            throw new IllegalArgumentException(variant + " leaves a field out; a PUT body without it is valid");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(variant.field, variant.value);
        return body;
    }

    private enum Missing { FIELD }
}
