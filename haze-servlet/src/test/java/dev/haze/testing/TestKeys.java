package dev.haze.testing;

import dev.haze.token.JwtAlgorithm;
import dev.haze.token.SigningKey;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The PEM fixtures under src/test/resources/keys, and keys built from them. */
public final class TestKeys {
    /** A 64-byte HMAC secret, enough for HS512. */
    public static final String SECRET = "test-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN";
    /** Another 64-byte HMAC secret. */
    public static final String OTHER_SECRET = "other-secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKL";

    private TestKeys() {
    }

    /**
     * @param name file name under keys/
     * @return its path
     */
    public static Path pem(String name) {
        try {
            return Path.of(TestKeys.class.getResource("/keys/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test key " + name, e);
        }
    }

    /**
     * @param algorithm any algorithm
     * @return a signing key for it from the fixtures
     */
    public static SigningKey keyFor(JwtAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case HMAC -> SigningKey.hmac(algorithm, SECRET);
            case RSA -> SigningKey.fromPem(algorithm, pem("rsa-2048-private.pem"), pem("rsa-2048-public.pem"));
            case EC -> {
                String curve = "P-" + algorithm.keyBits();
                yield SigningKey.fromPem(algorithm, pem("ec-" + curve + "-private.pem"), pem("ec-" + curve + "-public.pem"));
            }
        };
    }
}
