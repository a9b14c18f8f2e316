package dev.haze.token;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.Verification;
import dev.haze.ConfigurationException;
import dev.haze.InvalidTokenException;
import dev.haze.InvalidTokenException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs and verifies the JWT half of a magic link. The JWT carries {@code jti} (the token id),
 * {@code iat}, {@code exp}, {@code iss} and, when configured, {@code aud}; its header names the key
 * ({@code kid}). It never carries a user id or metadata.
 *
 * <p>Verification pins the algorithm (an {@code alg: none} or HS/RS-switched token is refused), picks
 * the key by {@code kid} among the current and previous keys, and requires every claim above. It does
 * no I/O. Immutable and thread-safe.
 */
public final class LinkTokenCodec {

    /** The longest signature accepted; anything longer is MALFORMED before parsing. */
    public static final int MAX_SIGNATURE_LENGTH = 4096;

    private final SigningKey current;
    private final Map<String, JWTVerifier> verifiers = new LinkedHashMap<>();
    private final String issuer;
    private final String audience;

    /**
     * @param current the key that signs new links
     * @param previous keys that still verify older links (same algorithm as {@code current})
     * @param issuer the {@code iss} written and required
     * @param audience the {@code aud} written and required, or null for none
     * @param leeway clock skew tolerated on {@code exp} and {@code iat}
     * @param clock the time source
     * @throws ConfigurationException if the current key cannot sign, a previous key uses another algorithm,
     *     or two keys share a key id
     */
    public LinkTokenCodec(SigningKey current, List<SigningKey> previous, String issuer, String audience,
                          Duration leeway, Clock clock) {
        this.current = Objects.requireNonNull(current, "current");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = audience;
        if (!current.canSign()) {
            throw new ConfigurationException("private-key is required to sign links with " + current.algorithm());
        }
        addVerifier(current, leeway, clock);
        for (SigningKey key : previous) {
            if (key.algorithm() != current.algorithm()) {
                throw new ConfigurationException("previous-keys: a previous key uses " + key.algorithm()
                        + " but jwt-algorithm is " + current.algorithm() + "; rotate keys within one algorithm");
            }
            addVerifier(key, leeway, clock);
        }
    }

    private void addVerifier(SigningKey key, Duration leeway, Clock clock) {
        Verification v = JWT.require(key.jwtAlgorithm())
                .withIssuer(issuer)
                .withClaimPresence("jti")
                .withClaimPresence("iat")
                .withClaimPresence("exp")
                .acceptLeeway(leeway.toSeconds());
        if (audience != null) {
            v.withAudience(audience);
        }
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) v).build(clock);
        if (verifiers.putIfAbsent(key.keyId(), verifier) != null) {
            throw new ConfigurationException("previous-keys: two keys have the key id '" + key.keyId()
                    + "'; a previous key must differ from the current one and from each other");
        }
    }

    /** @return the algorithm links are signed with */
    public JwtAlgorithm algorithm() {
        return current.algorithm();
    }

    /**
     * @param tokenId the token id ({@code jti})
     * @param issuedAt {@code iat}
     * @param expiresAt {@code exp}
     * @return the signed compact JWT
     */
    public String sign(String tokenId, Instant issuedAt, Instant expiresAt) {
        var builder = JWT.create()
                .withKeyId(current.keyId())
                .withJWTId(tokenId)
                .withIssuer(issuer)
                .withIssuedAt(issuedAt)
                .withExpiresAt(expiresAt);
        if (audience != null) {
            builder.withAudience(audience);
        }
        return builder.sign(current.jwtAlgorithm());
    }

    /**
     * Verifies a link's signature and claims.
     *
     * @param tokenId the token id from the link
     * @param signature the JWT from the link
     * @return the verified JWT
     * @throws InvalidTokenException MALFORMED, BAD_SIGNATURE, EXPIRED or INVALID_CLAIM; never another type,
     *     whatever the token holds
     */
    public DecodedJWT verify(String tokenId, String signature) {
        if (tokenId == null || tokenId.isEmpty() || signature == null || signature.isEmpty()) {
            throw new InvalidTokenException(Reason.MALFORMED, "token_id and signature are both required");
        }
        if (signature.length() > MAX_SIGNATURE_LENGTH) {
            throw new InvalidTokenException(Reason.MALFORMED, "signature is longer than "
                    + MAX_SIGNATURE_LENGTH + " characters");
        }
        DecodedJWT decoded;
        try {
            decoded = JWT.decode(signature);
        } catch (RuntimeException e) {
            // Not only JWTDecodeException: java-jwt turns a date claim outside Instant's range (exp, iat or
            // nbf of 9223372036854775807) into a DateTimeException while decoding, before any signature check.
            throw new InvalidTokenException(Reason.MALFORMED, "signature is not a well-formed JWT", e);
        }
        if (!current.algorithm().name().equals(decoded.getAlgorithm())) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "the JWT's algorithm is not the configured "
                    + current.algorithm() + " (algorithm is pinned)");
        }
        JWTVerifier verifier = decoded.getKeyId() == null ? null : verifiers.get(decoded.getKeyId());
        if (verifier == null) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE,
                    "the JWT names no key id, or one that is neither the current nor a previous key");
        }
        DecodedJWT verified;
        try {
            verified = verifier.verify(decoded);
        } catch (TokenExpiredException e) {
            throw new InvalidTokenException(Reason.EXPIRED, "the link expired at " + e.getExpiredOn(), e);
        } catch (SignatureVerificationException | AlgorithmMismatchException e) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "the JWT's signature does not verify", e);
        } catch (MissingClaimException | IncorrectClaimException e) {
            throw new InvalidTokenException(Reason.INVALID_CLAIM, "the JWT has a missing or wrong claim: "
                    + e.getMessage(), e);
        } catch (JWTDecodeException e) {
            throw new InvalidTokenException(Reason.MALFORMED, "the JWT cannot be decoded", e);
        } catch (JWTVerificationException | IllegalArgumentException e) {
            throw new InvalidTokenException(Reason.BAD_SIGNATURE, "the JWT does not verify", e);
        } catch (RuntimeException e) {
            // Whatever else a hostile token provokes in the library is still a bad link, never a 500.
            throw new InvalidTokenException(Reason.MALFORMED, "the JWT cannot be checked", e);
        }
        // asString, not getId: getId turns a numeric or array jti into text, and ours is always a string.
        String jti = verified.getClaim("jti").asString();
        if (jti == null || !MessageDigest.isEqual(jti.getBytes(StandardCharsets.UTF_8),
                tokenId.getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidTokenException(Reason.INVALID_CLAIM, "the JWT's jti does not match token_id");
        }
        return verified;
    }
}
