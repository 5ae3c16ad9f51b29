package io.mtapi.harness.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Set;

/**
 * HS256 with a secret of any length, for Nimbus to sign and verify with. Nimbus's {@code MACSigner}
 * and {@code MACVerifier} refuse secrets under 256 bits (RFC 7518 section 3.2), but deployments sign
 * with whatever they were given (PyJWT takes any length; {@code JWT_SECRET=test_secret_key} is 15
 * bytes), and the harness must mint and verify what they accept. The MAC is the JDK's
 * {@code HmacSHA256}; Nimbus builds the header, payload and serialization around it. Whether the
 * secret is long enough is a finding about the deployment, not the harness's business here
 * ({@code gaps.shortSigningKey}).
 */
final class Hs256 implements JWSSigner, JWSVerifier {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final JCAContext context = new JCAContext();

    Hs256(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("an HS256 secret needs at least one byte");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        requireHs256(header);
        return Base64URL.encode(mac(signingInput));
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        requireHs256(header);
        return MessageDigest.isEqual(mac(signingInput), signature.decode()); // constant time
    }

    private byte[] mac(byte[] input) throws JOSEException {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new JOSEException("HmacSHA256 failed: " + e.getMessage(), e);
        }
    }

    private static void requireHs256(JWSHeader header) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new JOSEException("only HS256 is supported, the header says " + header.getAlgorithm());
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.HS256);
    }

    @Override
    public JCAContext getJCAContext() {
        return context;
    }
}
