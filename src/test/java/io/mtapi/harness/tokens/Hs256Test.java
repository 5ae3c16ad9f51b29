package io.mtapi.harness.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness signs and verifies HS256 with any secret, byte for byte as other implementations do. */
@Tag("selftest")
@DisplayName("HS256 with secrets of any length")
class Hs256Test {

    /** Computed with openssl (dgst -sha256 -hmac test_secret_key) over the first two parts. */
    private static final String OPENSSL_SIGNED = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoidTEiLCJ0eXBlIjoiYWNjZXNzIn0"
            + ".1YgHfYs9zS2alHyZWHg3l4WPK5w27qezr91_5kLZjQM";

    @Test
    void aFifteenByteSecretVerifiesATokenSignedElsewhereAndSignsTheSameBytes() throws Exception {
        assertThat(Jwt.isSignedWith(OPENSSL_SIGNED, "test_secret_key")).isTrue();
        assertThat(Jwt.isSignedWith(OPENSSL_SIGNED, "test_secret_kez")).isFalse();

        SignedJWT parsed = SignedJWT.parse(OPENSSL_SIGNED);
        SignedJWT again = new SignedJWT(parsed.getHeader().toBase64URL(), parsed.getPayload().toBase64URL(),
                new Hs256("test_secret_key".getBytes(StandardCharsets.UTF_8))
                        .sign(parsed.getHeader(), parsed.getSigningInput()));
        assertThat(again.serialize()).isEqualTo(OPENSSL_SIGNED);
    }

    @Test
    void oneByteAndHundredByteSecretsMintTokensThatVerify() {
        for (String secret : new String[] {"k", "x".repeat(100)}) {
            String token = Jwt.mint(secret, Jwt.accessClaims("u", "t", "name", "user", Duration.ofMinutes(5)));
            assertThat(Jwt.isSignedWith(token, secret)).as("token minted with a %d-byte secret", secret.length()).isTrue();
            assertThat(Jwt.algorithm(token)).isEqualTo("HS256");
        }
    }

    @Test
    void withALongSecretItAgreesWithNimbusBothWays() throws Exception {
        String secret = "a-secret-of-more-than-thirty-two-bytes-000";
        String ours = Jwt.mint(secret, Jwt.accessClaims("u", "t", "name", "admin", Duration.ofMinutes(5)));
        assertThat(SignedJWT.parse(ours).verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();

        SignedJWT theirs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                Jwt.accessClaims("u", "t", "name", "admin", Duration.ofMinutes(5)));
        theirs.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(Jwt.isSignedWith(theirs.serialize(), secret)).isTrue();
    }
}
