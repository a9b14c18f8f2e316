package dev.haze.store;

/** The life of a cross-device login request. */
public enum LoginRequestState {
    /** Waiting for the link to be opened and approved on another device. */
    PENDING,
    /** Approved on another device; the requesting browser may redeem it once. */
    APPROVED,
    /** Refused: wrong matching code, too many wrong fallback codes, or declined. Final. */
    DENIED,
    /** Past its expiry. Final. */
    EXPIRED,
    /** The requesting browser signed in with it. Final. */
    REDEEMED;

    /** @return true for states no transition leaves */
    public boolean isFinal() {
        return this == DENIED || this == EXPIRED || this == REDEEMED;
    }
}
