package dev.haze.token;

import com.auth0.jwt.algorithms.Algorithm;
import dev.haze.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A key Haze signs or verifies links with, tied to one {@link JwtAlgorithm} and identified by a key id
 * ({@code kid} header). The current key signs new links; previous keys (key rotation) only verify links
 * issued before the rotation.
 *
 * <p>The key id is derived from the key (a truncated SHA-256) unless given, so every node with the same
 * key computes the same id. For an HMAC key, the id reveals nothing usable about the secret.
 *
 * <p>Immutable and thread-safe. Factories validate eagerly: an HMAC secret shorter than the hash
 * (RFC 7518 §3.2), an RSA key under 2048 bits, or an EC key on the wrong curve is a
 * {@link ConfigurationException}.
 */
public final class SigningKey {
    private final JwtAlgorithm algorithm;
    private final String keyId;
    private final Algorithm jwt;
    private final boolean canSign;

    private SigningKey(JwtAlgorithm algorithm, String keyId, Algorithm jwt, boolean canSign) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.jwt = jwt;
        this.canSign = canSign;
    }

    /**
     * An HMAC key.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret at least as many bits as the hash: 32, 48 or 64 bytes
     * @return the key
     * @throws ConfigurationException naming {@code secret-key} when the secret is missing or short
     */
    public static SigningKey hmac(JwtAlgorithm algorithm, byte[] secret) {
        requireFamily(algorithm, JwtAlgorithm.Family.HMAC, "secret-key");
        if (secret == null || secret.length == 0) {
            throw new ConfigurationException("secret-key is required for " + algorithm
                    + "; Haze never generates one silently. Create one with: openssl rand -base64 48");
        }
        int needBytes = algorithm.keyBits() / 8;
        if (secret.length < needBytes) {
            throw new ConfigurationException("secret-key is too short for " + algorithm + ": " + secret.length
                    + " bytes, at least " + needBytes + " bytes (" + algorithm.keyBits()
                    + " bits) are required. Create one with: openssl rand -base64 48");
        }
        byte[] copy = secret.clone();
        Algorithm jwt = switch (algorithm) {
            case HS256 -> Algorithm.HMAC256(copy);
            case HS384 -> Algorithm.HMAC384(copy);
            default -> Algorithm.HMAC512(copy);
        };
        String kid = deriveKeyId(algorithm, copy);
        Arrays.fill(copy, (byte) 0);
        return new SigningKey(algorithm, kid, jwt, true);
    }

    /**
     * An HMAC key from a string secret, taken as its UTF-8 bytes.
     *
     * @param algorithm HS256, HS384 or HS512
     * @param secret at least 32, 48 or 64 bytes of UTF-8
     * @return the key
     * @throws ConfigurationException naming {@code secret-key} when the secret is missing or short
     */
    public static SigningKey hmac(JwtAlgorithm algorithm, String secret) {
        return hmac(algorithm, secret == null ? null : secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An RSA or EC key pair (or a public key alone, to verify only).
     *
     * @param algorithm RS* or ES*
     * @param publicKey the public key; required
     * @param privateKey the private key; null for a verify-only key (a previous key)
     * @return the key
     * @throws ConfigurationException naming {@code public-key} or {@code private-key} when a key is
     *     missing, of the wrong type, too small, or the two do not belong together
     */
    public static SigningKey asymmetric(JwtAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() == JwtAlgorithm.Family.HMAC) {
            throw new ConfigurationException("jwt-algorithm " + algorithm + " takes a secret-key, not a key pair");
        }
        if (publicKey == null) {
            throw new ConfigurationException("public-key is required for " + algorithm);
        }
        checkKey(algorithm, publicKey, "public-key");
        if (privateKey != null) {
            checkKey(algorithm, privateKey, "private-key");
        }
        Algorithm jwt = algorithm.family() == JwtAlgorithm.Family.RSA
                ? rsa(algorithm, (RSAPublicKey) publicKey, (RSAPrivateKey) privateKey)
                : ec(algorithm, (ECPublicKey) publicKey, (ECPrivateKey) privateKey);
        SigningKey key = new SigningKey(algorithm, deriveKeyId(algorithm, publicKey.getEncoded()), jwt,
                privateKey != null);
        if (privateKey != null) {
            key.requirePairMatches();
        }
        return key;
    }

    /**
     * A key pair read from PEM files (PKCS#8 private key, X.509 public key).
     *
     * @param algorithm RS* or ES*
     * @param privateKeyPem path of the private key, or null for a verify-only key
     * @param publicKeyPem path of the public key
     * @return the key
     * @throws ConfigurationException naming the option of a file that is unreadable or wrong
     */
    public static SigningKey fromPem(JwtAlgorithm algorithm, Path privateKeyPem, Path publicKeyPem) {
        if (algorithm.family() == JwtAlgorithm.Family.HMAC) {
            throw new ConfigurationException("jwt-algorithm " + algorithm + " takes a secret-key, not PEM files");
        }
        if (publicKeyPem == null) {
            throw new ConfigurationException("public-key (a PEM file) is required for " + algorithm);
        }
        PublicKey publicKey = Pem.readPublicKey(publicKeyPem, algorithm.family(), "public-key");
        PrivateKey privateKey = privateKeyPem == null ? null
                : Pem.readPrivateKey(privateKeyPem, algorithm.family(), "private-key");
        return asymmetric(algorithm, publicKey, privateKey);
    }

    /**
     * @param keyId a key id to use instead of the derived one (1 to 64 URL-safe characters)
     * @return a copy with that id
     */
    public SigningKey withKeyId(String keyId) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9._~-]{1,64}")) {
            throw new ConfigurationException("key-id must be 1 to 64 characters of A-Z a-z 0-9 . _ ~ -");
        }
        return new SigningKey(algorithm, keyId, jwt, canSign);
    }

    /** @return the algorithm this key is used with */
    public JwtAlgorithm algorithm() {
        return algorithm;
    }

    /** @return the key id written into the JWT header ({@code kid}) */
    public String keyId() {
        return keyId;
    }

    /** @return true if this key can sign (HMAC, or a pair with its private key) */
    public boolean canSign() {
        return canSign;
    }

    /** @return the java-jwt algorithm object; internal use */
    Algorithm jwtAlgorithm() {
        return jwt;
    }

    @Override
    public String toString() {
        return "SigningKey[" + algorithm + ", kid=" + keyId + (canSign ? "" : ", verify-only") + "]";
    }

    private void requirePairMatches() {
        try {
            String probe = com.auth0.jwt.JWT.create().withClaim("probe", "haze key-pair check").sign(jwt);
            com.auth0.jwt.JWT.require(jwt).build().verify(probe);
        } catch (RuntimeException e) {
            throw new ConfigurationException("private-key and public-key do not belong to the same key pair", e);
        }
    }

    private static Algorithm rsa(JwtAlgorithm algorithm, RSAPublicKey pub, RSAPrivateKey priv) {
        return switch (algorithm) {
            case RS256 -> Algorithm.RSA256(pub, priv);
            case RS384 -> Algorithm.RSA384(pub, priv);
            default -> Algorithm.RSA512(pub, priv);
        };
    }

    private static Algorithm ec(JwtAlgorithm algorithm, ECPublicKey pub, ECPrivateKey priv) {
        return switch (algorithm) {
            case ES256 -> Algorithm.ECDSA256(pub, priv);
            case ES384 -> Algorithm.ECDSA384(pub, priv);
            default -> Algorithm.ECDSA512(pub, priv);
        };
    }

    private static void requireFamily(JwtAlgorithm algorithm, JwtAlgorithm.Family family, String option) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() != family) {
            throw new ConfigurationException(option + " cannot be used with jwt-algorithm " + algorithm);
        }
    }

    private static void checkKey(JwtAlgorithm algorithm, Key key, String option) {
        if (algorithm.family() == JwtAlgorithm.Family.RSA) {
            if (!(key instanceof RSAKey rsa)) {
                throw new ConfigurationException(option + " must be an RSA key for " + algorithm + ", was "
                        + key.getAlgorithm());
            }
            int bits = rsa.getModulus().bitLength();
            if (bits < algorithm.keyBits()) {
                throw new ConfigurationException(option + " is a " + bits + "-bit RSA key; " + algorithm
                        + " requires at least " + algorithm.keyBits() + " bits");
            }
        } else {
            if (!(key instanceof ECKey ecKey)) {
                throw new ConfigurationException(option + " must be an EC key for " + algorithm + ", was "
                        + key.getAlgorithm());
            }
            int bits = ecKey.getParams().getCurve().getField().getFieldSize();
            if (bits != algorithm.keyBits()) {
                throw new ConfigurationException(option + " is on a " + bits + "-bit curve; " + algorithm
                        + " requires the " + algorithm.keyBits() + "-bit curve (P-" + algorithm.keyBits() + ")");
            }
        }
    }

    private static String deriveKeyId(JwtAlgorithm algorithm, byte[] material) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("haze-kid:" + algorithm.name() + ":").getBytes(StandardCharsets.US_ASCII));
            byte[] digest = sha.digest(material);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
