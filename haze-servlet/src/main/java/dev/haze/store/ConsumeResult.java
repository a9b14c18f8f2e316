package dev.haze.store;

import java.util.Objects;

/**
 * The outcome of {@link TokenStore#consume} or {@link TokenStore#recordUse}.
 *
 * @param status what happened
 * @param token the token as it is after the operation; null only for {@link Status#NOT_FOUND}
 */
public record ConsumeResult(Status status, StoredToken token) {

    /** What a consume or use attempt found. */
    public enum Status {
        /** This call won: the token was unused and unexpired, and is now consumed (or its use counted). */
        CONSUMED,
        /** No token has that hash. */
        NOT_FOUND,
        /** A one-time token that an earlier call already consumed. */
        ALREADY_USED,
        /** The token exists but is expired. */
        EXPIRED
    }

    /** Checks that a token accompanies every status but NOT_FOUND. */
    public ConsumeResult {
        Objects.requireNonNull(status, "status");
        if (status != Status.NOT_FOUND) {
            Objects.requireNonNull(token, "token is required unless NOT_FOUND");
        }
    }

    /** @return the result for an unknown hash */
    public static ConsumeResult notFound() {
        return new ConsumeResult(Status.NOT_FOUND, null);
    }

    /**
     * Classifies a token that a consume attempt did not win.
     *
     * @param current the token as it is now, or null if absent
     * @param now the instant expiry is judged by
     * @return NOT_FOUND, ALREADY_USED or EXPIRED
     */
    public static ConsumeResult lost(StoredToken current, java.time.Instant now) {
        if (current == null) {
            return notFound();
        }
        if (current.consumed()) {
            return new ConsumeResult(Status.ALREADY_USED, current);
        }
        return new ConsumeResult(Status.EXPIRED, current);
    }
}
