package dev.haze.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one way a secret identifier (token id, login-request id, code) becomes a store key. */
public final class TokenHashes {
    private TokenHashes() {
    }

    /**
     * @param secret a token id, request id or code
     * @return lowercase hex SHA-256 of its UTF-8 bytes (64 characters)
     */
    public static String of(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
