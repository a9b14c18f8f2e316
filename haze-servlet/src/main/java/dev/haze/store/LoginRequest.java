package dev.haze.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A cross-device login request: the browser that asked for a link waits while the link is opened on
 * another device. The requesting browser holds a random request id; the store keeps only its hash.
 *
 * @param requestHash hex SHA-256 of the request id held by the requesting browser; the key
 * @param tokenHash hex SHA-256 of the token id of the link sent for this request
 * @param userId the user the link was sent to
 * @param matchCode the short code shown on the requesting device for number matching
 * @param fallbackCodeHash hex SHA-256 of the one-time code sent in the email (typed on the waiting page);
 *     may be null when no code was issued
 * @param requestedBy a coarse description of the requesting browser ("Firefox on Linux")
 * @param createdAt when the request was made
 * @param expiresAt when it expires: the link's expiry, or later once approved (an approval stays redeemable
 *     for a short while, see {@link TokenStore#approveLoginRequest})
 * @param state the current state
 * @param failedCodeAttempts wrong fallback codes entered so far
 */
public record LoginRequest(String requestHash, String tokenHash, String userId, String matchCode,
                           String fallbackCodeHash, String requestedBy, Instant createdAt, Instant expiresAt,
                           LoginRequestState state, int failedCodeAttempts) {

    /** Checks the required components. */
    public LoginRequest {
        Objects.requireNonNull(requestHash, "requestHash");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(matchCode, "matchCode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        requestedBy = requestedBy == null ? "" : requestedBy;
    }

    /**
     * @param newState the state to move to
     * @return a copy in the new state
     */
    public LoginRequest withState(LoginRequestState newState) {
        return new LoginRequest(requestHash, tokenHash, userId, matchCode, fallbackCodeHash, requestedBy,
                createdAt, expiresAt, newState, failedCodeAttempts);
    }

    /**
     * @param now the instant to judge by
     * @return the state as seen at {@code now}: a PENDING or APPROVED request past its expiry is EXPIRED
     */
    public LoginRequestState stateAt(Instant now) {
        if (!state.isFinal() && !expiresAt.isAfter(now)) {
            return LoginRequestState.EXPIRED;
        }
        return state;
    }

    @Override
    public String toString() {
        return "LoginRequest[userId=" + userId + ", state=" + state + ", createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + ", failedCodeAttempts=" + failedCodeAttempts + "]";
    }
}
