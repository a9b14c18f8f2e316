package dev.haze.token;

import java.util.Locale;

/** The JWT signature algorithms Haze signs and verifies with. The configured one is pinned: no other is accepted. */
public enum JwtAlgorithm {
    /** HMAC with SHA-256; secret of at least 256 bits. */
    HS256(Family.HMAC, 256),
    /** HMAC with SHA-384; secret of at least 384 bits. */
    HS384(Family.HMAC, 384),
    /** HMAC with SHA-512; secret of at least 512 bits. */
    HS512(Family.HMAC, 512),
    /** RSASSA-PKCS1-v1_5 with SHA-256; RSA key of at least 2048 bits. */
    RS256(Family.RSA, 2048),
    /** RSASSA-PKCS1-v1_5 with SHA-384; RSA key of at least 2048 bits. */
    RS384(Family.RSA, 2048),
    /** RSASSA-PKCS1-v1_5 with SHA-512; RSA key of at least 2048 bits. */
    RS512(Family.RSA, 2048),
    /** ECDSA on P-256 with SHA-256. */
    ES256(Family.EC, 256),
    /** ECDSA on P-384 with SHA-384. */
    ES384(Family.EC, 384),
    /** ECDSA on P-521 with SHA-512. */
    ES512(Family.EC, 521);

    /** Key families. */
    public enum Family {
        /** A shared secret. */
        HMAC,
        /** An RSA key pair. */
        RSA,
        /** An elliptic-curve key pair. */
        EC
    }

    private final Family family;
    private final int keyBits;

    JwtAlgorithm(Family family, int keyBits) {
        this.family = family;
        this.keyBits = keyBits;
    }

    /** @return the key family */
    public Family family() {
        return family;
    }

    /**
     * @return for HMAC the least secret size in bits (RFC 7518 §3.2: at least the hash size); for RSA the
     *     least modulus size; for EC the curve's field size
     */
    public int keyBits() {
        return keyBits;
    }

    /**
     * @param name an algorithm name, case-insensitive ({@code hs256}, {@code RS512}, …)
     * @return the algorithm
     * @throws IllegalArgumentException for an unknown name
     */
    public static JwtAlgorithm parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown JWT algorithm '" + name
                    + "'; accepted: HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512", e);
        }
    }
}
