package io.mtapi.harness.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Reads, mints and breaks JWTs with Nimbus JOSE+JWT. Reading needs no secret (the
 * harness checks claims, the target checks signatures); minting needs the target's
 * HS256 secret, which only dev targets share.
 *
 * <pre>{@code
 * Map<String, Object> claims = Jwt.claims(tokens.accessToken());
 * String expired = Jwt.mint(secret, Jwt.accessClaims(userId, tenantId, name, "user", Duration.ofMinutes(-5)));
 * }</pre>
 */
public final class Jwt {

    private Jwt() {
    }

    /** The claims of any JWT, signed or not, without verifying it. */
    public static Map<String, Object> claims(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            throw new AssertionError("Token is not a JWT the contract describes (three base64url parts with "
                    + "JSON claims): " + e.getMessage(), e);
        }
    }

    /** The algorithm named in the token's header. */
    public static String algorithm(String token) {
        try {
            return JWTParser.parse(token).getHeader().getAlgorithm().getName();
        } catch (ParseException e) {
            throw new AssertionError("Token is not a JWT: " + e.getMessage(), e);
        }
    }

    /** Access-token claims as the contract lists them, expiring {@code lifetime} from now (negative: already expired). */
    public static JWTClaimsSet accessClaims(String userId, String tenantId, String username, String role, Duration lifetime) {
        return base(lifetime)
                .claim("user_id", userId)
                .claim("tenant_id", tenantId)
                .claim("username", username)
                .claim("role", role)
                .claim("type", "access")
                .build();
    }

    /** Refresh-token claims as the contract lists them. */
    public static JWTClaimsSet refreshClaims(String userId, String tenantId, Duration lifetime) {
        return base(lifetime)
                .claim("user_id", userId)
                .claim("tenant_id", tenantId)
                .claim("type", "refresh")
                .build();
    }

    /** An HS256 token signed with the target's secret, whatever its length (see {@link Hs256}). */
    public static String mint(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new Hs256(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with the configured secret: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the token is HS256 and signed with this secret: tells whether a configured secret is the
     * one the target signs with, before tests rely on tokens minted with it.
     */
    public static boolean isSignedWith(String token, String secret) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())
                    && jwt.verify(new Hs256(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }

    /** The same claims with {@code alg: none} and no signature: must never be accepted. */
    public static String unsigned(String token) {
        try {
            return new PlainJWT(JWTParser.parse(token).getJWTClaimsSet()).serialize();
        } catch (ParseException e) {
            throw new AssertionError("Token is not a JWT: " + e.getMessage(), e);
        }
    }

    /** The token with one signature character changed: a bad signature. */
    public static String withBrokenSignature(String token) {
        int dot = token.lastIndexOf('.');
        char[] chars = token.toCharArray();
        int at = dot + 1 + (chars.length - dot - 1) / 2;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    /** The token with its claims replaced (e.g. role raised to admin) but the old signature kept. */
    public static String withForgedClaims(String token, JWTClaimsSet forged) {
        String[] parts = token.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** The token with one claim replaced (e.g. {@code "role", "admin"}) and the old signature kept. */
    public static String withForgedClaim(String token, String name, Object value) {
        try {
            JWTClaimsSet forged = new JWTClaimsSet.Builder(JWTParser.parse(token).getJWTClaimsSet()).claim(name, value).build();
            return withForgedClaims(token, forged);
        } catch (ParseException e) {
            throw new AssertionError("Token is not a JWT: " + e.getMessage(), e);
        }
    }

    private static JWTClaimsSet.Builder base(Duration lifetime) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minus(lifetime.isNegative() ? lifetime.abs().plusMinutes(1) : Duration.ZERO)))
                .expirationTime(Date.from(now.plus(lifetime)));
    }
}
