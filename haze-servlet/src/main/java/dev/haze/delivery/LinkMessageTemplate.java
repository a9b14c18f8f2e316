package dev.haze.delivery;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Writes the body of the email that carries a magic link, as plain text and as HTML; the two are sent
 * together as {@code multipart/alternative}. Applications override the wording or the look by giving
 * {@link SmtpLinkSender} their own implementation.
 *
 * <p>Implementations must be thread-safe. Security: the link and the code are credentials and must appear
 * only in the body, never in a log; every value put into {@link #html(LinkMessage)} must be HTML-escaped
 * (the recipient and {@link LinkMessage#requestedBy()} come from the outside world); do not add remote
 * images or tracking links.
 */
public interface LinkMessageTemplate {

    /**
     * @param message the link and the facts around it
     * @return the plain-text body
     */
    String plainText(LinkMessage message);

    /**
     * @param message the link and the facts around it
     * @return a complete HTML document with inline styles and no remote resources
     */
    String html(LinkMessage message);

    /**
     * The standard English template, with times shown in UTC: the link, "expires in 10 minutes", when
     * and from what the link was requested, the one-time code when there is one, and "if you did not ask
     * for this, ignore this email".
     *
     * @return the standard template (thread-safe)
     */
    static LinkMessageTemplate standard() {
        return standard(ZoneOffset.UTC);
    }

    /**
     * The standard English template with times shown in the given zone.
     *
     * @param zone the zone request times are shown in
     * @return the standard template (thread-safe)
     */
    static LinkMessageTemplate standard(ZoneId zone) {
        return new StandardLinkMessageTemplate(zone);
    }
}
