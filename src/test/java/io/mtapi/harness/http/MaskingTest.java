package io.mtapi.harness.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation answers that echo their input keep a secret field's input out of the report. */
@Tag("selftest")
@DisplayName("Masking of echoed validation input")
class MaskingTest {

    @Test
    @DisplayName("A pydantic 2 item with ctx and url echoing a too-short password shows its fingerprint only")
    void echoedPasswordInAValidationItemWithContextIsMasked() {
        String answer = "{\"detail\":[{\"type\":\"string_too_short\",\"loc\":[\"body\",\"admin_password\"],"
                + "\"msg\":\"String should have at least 8 characters\",\"input\":\"sh0rt!\","
                + "\"ctx\":{\"min_length\":8},\"url\":\"https://errors.pydantic.dev/2.9/v/string_too_short\"},"
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"tenant_name\"],\"msg\":\"Field required\",\"input\":\"acme\"}]}";

        String masked = Masking.text(answer);

        assertThat(masked.contains("sh0rt!")).as("the echoed password is shown").isFalse();
        assertThat(masked).contains("\"input\":\"acme\"").contains("string_too_short");
    }
}
