package dev.haze;

/**
 * A link could not be delivered (mail server down, recipient refused). The link must then be revoked so
 * nothing usable is left behind; the servlet filter does so and answers 503.
 */
public class DeliveryException extends HazeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed, without the link itself */
    public DeliveryException(String message) {
        super(message);
    }

    /**
     * @param message what failed, without the link itself
     * @param cause the underlying failure
     */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
