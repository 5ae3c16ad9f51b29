package io.mtapi.harness.reference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HS256 JWTs: minting the access/refresh pair, verifying, and the revocation denylist. The MAC is the
 * JDK's, so any secret length works as it does with PyJWT (Nimbus's MACSigner refuses secrets under 256
 * bits); Nimbus parses and assembles the parts.
 */
final class Tokens {
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    /**
     * What a verified token says; {@code revocationKey} names the token in the denylist. {@code role} is the
     * token's claim (null in refresh tokens): informative only, the stored user's role decides.
     */
    record Claims(String userId, String tenantId, String type, String role, String revocationKey) {}

    private final ReferenceSettings settings;
    private final SecretKeySpec key;
    // Tokens minted outside (the harness signs its own) may lack a jti; their signature then names them.
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    // Only filled under AUTH_LOGOUT_ENDS_ALL_SESSIONS: user id -> tokens issued up to then are dead.
    private final Map<String, Instant> revokedUpTo = new ConcurrentHashMap<>();

    Tokens(ReferenceSettings settings) {
        this.settings = settings;
        this.key = new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private boolean on(Fault fault) {
        return settings.faults().contains(fault);
    }

    /** The login/refresh answer. */
    Map<String, Object> issuePair(Store.User user) {
        var pair = new LinkedHashMap<String, Object>();
        var access = new JWTClaimsSet.Builder()
                .claim("user_id", user.id()).claim("tenant_id", user.tenantId())
                .claim("username", user.username()).claim("role", user.role())
                .claim("type", ACCESS);
        if (settings.faults().contains(Fault.SECURITY_PASSWORD_HASH_IN_JWT)) access.claim("pwv", user.passwordHash());
        pair.put("access_token", sign(access, settings.accessTokenTtl()));
        pair.put("refresh_token", sign(new JWTClaimsSet.Builder()
                .claim("user_id", user.id()).claim("tenant_id", user.tenantId())
                .claim("type", REFRESH), settings.refreshTokenTtl()));
        pair.put("token_type", "bearer");
        pair.put("expires_in", settings.accessTokenTtl().toSeconds());
        return pair;
    }

    private String sign(JWTClaimsSet.Builder claims, Duration ttl) {
        Instant now = Instant.now();
        Base64URL header = new JWSHeader(JWSAlgorithm.HS256).toBase64URL();
        Base64URL payload = Base64URL.encode(claims
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build().toString());
        byte[] signature = mac((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        try {
            return new SignedJWT(header, payload, Base64URL.encode(signature)).serialize();
        } catch (ParseException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private byte[] mac(byte[] signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 failed", e);
        }
    }

    /**
     * Accepts only an unrevoked, unexpired HS256 token signed with our secret, of the expected type.
     * Everything else is one 401: the caller learns nothing about which check failed.
     */
    Claims verify(String token, String expectedType) {
        try {
            if (on(Fault.AUTH_ACCEPTS_ALG_NONE) && JWTParser.parse(token) instanceof PlainJWT plain) {
                return claims(plain.getJWTClaimsSet(), expectedType, "none:" + token);
            }
            SignedJWT jwt = SignedJWT.parse(token); // "alg: none" tokens are not JWS and fail here
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) throw invalid();
            if (!on(Fault.AUTH_SIGNATURE_NOT_VERIFIED)
                    && !MessageDigest.isEqual(mac(jwt.getSigningInput()), jwt.getSignature().decode())) throw invalid();
            return claims(jwt.getJWTClaimsSet(), expectedType, "sig:" + jwt.getSignature());
        } catch (ParseException | RuntimeException e) {
            if (e instanceof ApiError a) throw a;
            throw invalid();
        }
    }

    private Claims claims(JWTClaimsSet c, String expectedType, String unnamedKey) throws ParseException {
        Date exp = c.getExpirationTime();
        if (!on(Fault.AUTH_EXPIRED_TOKEN_ACCEPTED) && (exp == null || !exp.toInstant().isAfter(Instant.now()))) {
            throw invalid();
        }
        String userId = c.getStringClaim("user_id");
        String tenantId = c.getStringClaim("tenant_id");
        if (userId == null || tenantId == null) throw invalid();
        boolean anyTypeWillDo = ACCESS.equals(expectedType) && on(Fault.AUTH_REFRESH_ACCEPTED_AS_ACCESS);
        if (!anyTypeWillDo && !expectedType.equals(c.getStringClaim("type"))) throw invalid();
        String key = c.getJWTID() != null ? "jti:" + c.getJWTID() : unnamedKey;
        if (revoked.contains(key)) throw invalid();
        Instant cutoff = revokedUpTo.get(userId);
        Date issued = c.getIssueTime();
        if (cutoff != null && (issued == null || !issued.toInstant().isAfter(cutoff))) throw invalid();
        return new Claims(userId, tenantId, expectedType, c.getStringClaim("role"), key);
    }

    /** Revokes every token of the user issued until now (the AUTH_LOGOUT_ENDS_ALL_SESSIONS defect). */
    void revokeAllOf(String userId) {
        revokedUpTo.put(userId, Instant.now());
    }

    /** Revokes the token; false if it was already revoked (a concurrent refresh with the same token lost). */
    boolean revoke(Claims claims) {
        return revoked.add(claims.revocationKey());
    }

    static ApiError invalid() {
        return ApiError.unauthorized("Could not validate credentials");
    }
}
