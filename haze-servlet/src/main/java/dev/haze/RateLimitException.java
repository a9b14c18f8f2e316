package dev.haze;

import java.time.Duration;
import java.util.Objects;

/** Too many requests for one address or one client; {@link #retryAfter()} says when to try again. */
public class RateLimitException extends HazeException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message which limit was hit (never the address itself)
     * @param retryAfter how long until the limit resets; never negative
     */
    public RateLimitException(String message, Duration retryAfter) {
        super(message);
        Objects.requireNonNull(retryAfter, "retryAfter");
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /** @return how long the caller should wait before trying again (for a {@code Retry-After} header) */
    public Duration retryAfter() {
        return retryAfter;
    }
}
