package dev.haze;

import java.util.Objects;

/**
 * A magic link was rejected. {@link #reason()} says why, for logs, metrics and choosing what to show;
 * the end user should see one generic message per reason, never {@link #getMessage()}.
 */
public class InvalidTokenException extends HazeException {
    private static final long serialVersionUID = 1L;

    /** Why a link was rejected. */
    public enum Reason {
        /** The token id or signature is missing, too long, or not a JWT at all. */
        MALFORMED,
        /** The signature does not verify: tampered, forged, signed with an unknown key or another algorithm. */
        BAD_SIGNATURE,
        /** The link is past its expiry (beyond the configured clock leeway). */
        EXPIRED,
        /** The signature is valid but a claim is wrong: issuer, audience, token id, or issued in the future. */
        INVALID_CLAIM,
        /** The signature is valid but the store does not know the token (revoked, purged, or another store). */
        NOT_FOUND,
        /** A one-time link that has already been used. */
        ALREADY_USED
    }

    private final Reason reason;

    /**
     * @param reason why the link was rejected
     * @param message exact developer-facing description, with no secret in it
     */
    public InvalidTokenException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason why the link was rejected
     * @param message exact developer-facing description, with no secret in it
     * @param cause the underlying failure
     */
    public InvalidTokenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the link was rejected */
    public Reason reason() {
        return reason;
    }
}
