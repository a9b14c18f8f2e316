package dev.haze;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a successful verification: who the link was issued for and what came with it.
 * {@link #toString()} leaves the token id out.
 *
 * @param tokenId the link's token id; treat as secret while the link is usable
 * @param userId the user the link was generated for
 * @param metadata the metadata given at generation (unmodifiable, JSON-compatible values)
 * @param issuedAt when the link was generated
 * @param expiresAt when the link expires
 * @param useCount how many times the link has been used, counting this use (1 for a one-time link;
 *     0 when the link was only inspected, not used)
 * @param nextPath the path to continue to after sign-in recorded with the link, or null
 */
public record VerifiedToken(String tokenId, String userId, Map<String, Object> metadata,
                            Instant issuedAt, Instant expiresAt, int useCount, String nextPath) {

    /** Checks that no component is null and freezes the metadata. */
    public VerifiedToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(metadata);
    }

    @Override
    public String toString() {
        return "VerifiedToken[userId=" + userId + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt
                + ", useCount=" + useCount + "]";
    }
}
