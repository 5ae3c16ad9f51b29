package io.mtapi.harness.reference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** HS256 JWTs: minting the access/refresh pair, verifying, and the revocation denylist. */
final class Tokens {
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";

    /**
     * What a verified token says; {@code revocationKey} names the token in the denylist. {@code role} is the
     * token's claim (null in refresh tokens): informative only, the stored user's role decides.
     */
    record Claims(String userId, String tenantId, String type, String role, String revocationKey) {}

    private final ReferenceSettings settings;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    // Tokens minted outside (the harness signs its own) may lack a jti; their signature then names them.
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    // Only filled under AUTH_LOGOUT_ENDS_ALL_SESSIONS: user id -> tokens issued up to then are dead.
    private final Map<String, Instant> revokedUpTo = new ConcurrentHashMap<>();

    Tokens(ReferenceSettings settings) {
        this.settings = settings;
        byte[] secret = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret", e);
        }
    }

    private boolean on(Fault fault) {
        return settings.faults().contains(fault);
    }

    private boolean takes(Freedom freedom) {
        return settings.freedoms().contains(freedom);
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
        if (takes(Freedom.TOKENS_WITH_EXTRA_CLAIMS)) {
            claims.issuer("mtapi-reference").audience("mtapi").notBeforeTime(Date.from(now))
                    .subject(String.valueOf(claims.build().getClaim("user_id")));
        }
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
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
            if (!on(Fault.AUTH_SIGNATURE_NOT_VERIFIED) && !jwt.verify(verifier)) throw invalid();
            return claims(jwt.getJWTClaimsSet(), expectedType, "sig:" + jwt.getSignature());
        } catch (ParseException | JOSEException | RuntimeException e) {
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
