package dev.haze.servlet.testapp;

import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkSender;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The test webapp's delivery channel: keeps every message in memory so tests can read the link, as a
 * user would read their mailbox. Static because the container creates it from its class name; test
 * addresses are unique per test, so tests never read each other's messages.
 */
public final class OutboxLinkSender implements LinkSender {
    private static final ConcurrentLinkedDeque<LinkMessage> OUTBOX = new ConcurrentLinkedDeque<>();

    @Override
    public void send(LinkMessage message) {
        OUTBOX.add(message);
    }

    /**
     * @param recipient an address
     * @return every message sent to it, oldest first
     */
    public static List<LinkMessage> messagesTo(String recipient) {
        List<LinkMessage> found = new ArrayList<>();
        for (LinkMessage m : OUTBOX) {
            if (m.recipient().equals(recipient)) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * @param recipient an address
     * @return the newest message sent to it
     */
    public static Optional<LinkMessage> latestTo(String recipient) {
        List<LinkMessage> all = messagesTo(recipient);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
}
