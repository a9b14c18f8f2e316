package dev.haze;

import java.time.Instant;

/**
 * Receives authentication events. Every method has an empty default, so implement only what you need.
 *
 * <p>Listeners run synchronously on the calling thread, after the outcome is decided. A listener that
 * throws (any exception or error except a {@link VirtualMachineError}) is logged at WARN and never changes
 * the outcome. Events never carry a token id, a signature or a code.
 *
 * <p>Implementations must be thread-safe.
 */
public interface HazeListener {

    /**
     * A link was generated (and stored) for a user; fired by {@link Haze#generate}.
     *
     * @param userId the user the link is for
     * @param expiresAt when it expires
     */
    default void linkGenerated(String userId, Instant expiresAt) {
    }

    /**
     * A link was opened (clicked), checked and found valid, and not consumed; fired by {@link Haze#open}.
     * The servlet filter calls it when a browser opens the link.
     *
     * @param token the link's user and metadata
     */
    default void linkOpened(VerifiedToken token) {
    }

    /**
     * A link signed someone in: fired by {@link Haze#verify} (which consumes a one-time link) and, in
     * cross-device sign-in, exactly when a browser is signed in ({@link CrossDeviceSignIn#signInHere},
     * {@link CrossDeviceSignIn#redeem}, a right {@link CrossDeviceSignIn#submitCode}); never for an
     * approval or a refusal. For the latter two, {@code token.tokenId()} is the link's hash.
     *
     * @param token the link's user and metadata
     */
    default void verified(VerifiedToken token) {
    }

    /**
     * A link was rejected by {@link Haze#verify} or {@link Haze#open}.
     *
     * @param reason why
     */
    default void rejected(InvalidTokenException.Reason reason) {
    }

    /**
     * A cross-device sign-in request was approved on another device. No one is signed in yet:
     * {@link #verified} follows when the requesting device redeems the approval.
     *
     * @param userId the user who approved it
     */
    default void crossDeviceApproved(String userId) {
    }

    /**
     * A cross-device sign-in request was denied (wrong matching code, too many wrong codes, or refused);
     * its link is spent. Never followed by {@link #verified} for that request.
     *
     * @param userId the user the request was for
     */
    default void crossDeviceDenied(String userId) {
    }
}
