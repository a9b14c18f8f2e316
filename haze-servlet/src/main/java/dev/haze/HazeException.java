package dev.haze;

/**
 * Root of every exception Haze throws. Unchecked: callers catch the subtype whose outcome they handle.
 *
 * <p>Messages are written for the developer and are exact; they never contain a token id, a JWT, a code
 * or a key. End users should be shown one generic message per outcome, never {@link #getMessage()}.
 */
public class HazeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message an exact, developer-facing description */
    public HazeException(String message) {
        super(message);
    }

    /**
     * @param message an exact, developer-facing description
     * @param cause the underlying failure
     */
    public HazeException(String message, Throwable cause) {
        super(message, cause);
    }
}
