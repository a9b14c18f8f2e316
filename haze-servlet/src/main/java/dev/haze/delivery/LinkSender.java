package dev.haze.delivery;

/**
 * How a magic link reaches the user: email, SMS, a chat message, a development outbox. The application
 * owns delivery; Haze only hands over the message.
 *
 * <p>Implementations must be thread-safe, must not log the link or the code, and must throw
 * {@link dev.haze.DeliveryException} when the message was not accepted for delivery, so the caller can
 * revoke the link and tell the user to try again.
 */
@FunctionalInterface
public interface LinkSender {

    /**
     * @param message the recipient, the link and the words around it
     * @throws dev.haze.DeliveryException if the message could not be handed to the delivery system
     */
    void send(LinkMessage message);
}
