package dev.haze.demo;

import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The development outbox: a {@link LinkSender} that keeps the last {@value #CAPACITY} messages in memory
 * instead of emailing them, for {@code /dev/outbox}. <b>Development only</b>: anyone who can open the outbox
 * can sign in as anyone; {@link DemoSetup} installs it only in development mode.
 *
 * <p>The filter creates its link sender from a class name, so the messages are kept in a static field:
 * one outbox per web application class loader (redeploying the application empties it). Thread-safe.
 */
public final class DevOutbox implements LinkSender {
    /** How many messages are kept; older ones are dropped. */
    public static final int CAPACITY = 100;
    /** The subject shown for every message (the outbox stands in for an email). */
    public static final String SUBJECT = "Your sign-in link";

    private static final ConcurrentLinkedDeque<Sent> MESSAGES = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger SIZE = new AtomicInteger();

    private final Clock clock;

    /** An outbox stamping messages with the system clock (the filter's way of creating it). */
    public DevOutbox() {
        this(Clock.systemUTC());
    }

    /** @param clock stamps {@link Sent#sentAt()} */
    public DevOutbox(Clock clock) {
        this.clock = clock;
    }

    /**
     * One message in the outbox.
     *
     * @param to the recipient
     * @param subject the subject an email would have had
     * @param link the magic link (a credential)
     * @param code the one-time code, or null
     * @param sentAt when it was "sent"
     */
    public record Sent(String to, String subject, String link, String code, Instant sentAt) {
        @Override
        public String toString() {
            return "Sent[sentAt=" + sentAt + "]";
        }
    }

    @Override
    public void send(LinkMessage message) {
        MESSAGES.addFirst(new Sent(message.recipient(), SUBJECT, message.link().toString(), message.code(),
                clock.instant()));
        if (SIZE.incrementAndGet() > CAPACITY && MESSAGES.pollLast() != null) {
            SIZE.decrementAndGet();
        }
    }

    /** @return the messages, newest first */
    public static List<Sent> messages() {
        return Collections.unmodifiableList(new ArrayList<>(MESSAGES));
    }
}
