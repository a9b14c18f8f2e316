package dev.haze.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One magic link as a {@link TokenStore} keeps it. The token id itself is never stored: only
 * {@link #tokenHash()}, its SHA-256 (see {@link TokenHashes#of(String)}), so a dump of the store lets
 * no one sign in.
 *
 * @param tokenHash lowercase hex SHA-256 of the token id (64 characters); the key
 * @param userId the user the link was generated for
 * @param metadata serialized metadata (MessagePack or JSON, as configured), never null
 * @param nextPath a same-site path to continue to after sign-in, recorded when the link was requested;
 *     may be null
 * @param createdAt when the link was generated
 * @param expiresAt when the link expires
 * @param consumedAt when a one-time link was consumed; null while unused
 * @param useCount how many times the link has been used
 */
public record StoredToken(String tokenHash, String userId, byte[] metadata, String nextPath,
                          Instant createdAt, Instant expiresAt, Instant consumedAt, int useCount) {

    /** Checks the required components. */
    public StoredToken {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (useCount < 0) {
            throw new IllegalArgumentException("useCount must not be negative");
        }
    }

    /**
     * A new, unused token.
     *
     * @param tokenHash hex SHA-256 of the token id
     * @param userId the user
     * @param metadata serialized metadata
     * @param nextPath continuation path or null
     * @param createdAt generation time
     * @param expiresAt expiry
     * @return an unused token
     */
    public static StoredToken issued(String tokenHash, String userId, byte[] metadata, String nextPath,
                                     Instant createdAt, Instant expiresAt) {
        return new StoredToken(tokenHash, userId, metadata, nextPath, createdAt, expiresAt, null, 0);
    }

    /** @return true once a one-time link has been consumed */
    public boolean consumed() {
        return consumedAt != null;
    }

    /**
     * @param now the instant to judge by
     * @return true when the token is expired at {@code now} (expiry is exclusive)
     */
    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredToken t && tokenHash.equals(t.tokenHash) && userId.equals(t.userId)
                && java.util.Arrays.equals(metadata, t.metadata) && Objects.equals(nextPath, t.nextPath)
                && createdAt.equals(t.createdAt) && expiresAt.equals(t.expiresAt)
                && Objects.equals(consumedAt, t.consumedAt) && useCount == t.useCount;
    }

    @Override
    public int hashCode() {
        return tokenHash.hashCode();
    }

    @Override
    public String toString() {
        return "StoredToken[userId=" + userId + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + ", consumedAt=" + consumedAt + ", useCount=" + useCount + "]";
    }
}
