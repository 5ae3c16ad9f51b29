package io.mtapi.harness.api;

/** Body of {@code POST /auth/register}. {@link #toString()} hides the password. */
public record Registration(String tenantName, String adminEmail, String adminUsername, String adminPassword) {

    @Override
    public String toString() {
        return "Registration[tenantName=" + tenantName + ", adminEmail=" + adminEmail
                + ", adminUsername=" + adminUsername + ", adminPassword=***]";
    }
}
