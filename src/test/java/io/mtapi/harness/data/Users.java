package io.mtapi.harness.data;

import io.mtapi.harness.api.NewUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        ROLE_UNKNOWN("role", "superuser");

        private final String field;
        private final Object value;

        Invalid(String field, Object value) {
            this.field = field;
            this.value = value;
        }

        public String field() {
            return field;
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

    private enum Missing { FIELD }
}
