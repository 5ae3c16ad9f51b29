package io.mtapi.harness.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of {@code POST /api/v1/users}; a null role is left out so the target's default applies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewUser(String username, String email, String fullName, String role) {

    public NewUser withUsername(String value) {
        return new NewUser(value, email, fullName, role);
    }

    public NewUser withEmail(String value) {
        return new NewUser(username, value, fullName, role);
    }

    public NewUser withFullName(String value) {
        return new NewUser(username, email, value, role);
    }

    public NewUser withRole(String value) {
        return new NewUser(username, email, fullName, value);
    }
}
