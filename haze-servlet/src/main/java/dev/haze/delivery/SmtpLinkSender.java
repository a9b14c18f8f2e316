package dev.haze.delivery;

import dev.haze.ConfigurationException;
import dev.haze.delivery.internal.JakartaMailSender;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Sends the magic link by email over SMTP, with Jakarta Mail and its Eclipse Angus implementation. The
 * message is {@code multipart/alternative}: plain text and HTML written by a {@link LinkMessageTemplate},
 * with no remote images and no tracking.
 *
 * <pre>{@code
 * LinkSender sender = new SmtpLinkSender(SmtpSettings.builder()
 *     .host("smtp.example.com").security(SmtpSettings.Security.STARTTLS)
 *     .username("login@example.com").password(System.getenv("SMTP_PASSWORD"))
 *     .from("Example <login@example.com>")
 *     .build());
 * }</pre>
 *
 * <p>Jakarta Mail is an optional dependency of Haze: add {@code org.eclipse.angus:angus-mail} (it brings
 * {@code jakarta.mail:jakarta.mail-api}) to use this class. In the servlet filter, {@code link-sender=smtp}
 * and the {@code smtp-*} init-params ({@link SmtpSettings#OPTION_NAMES}) select it.
 *
 * <p>With {@code ssl} or {@code starttls} the server's certificate must be trusted by the JVM's trust store
 * and name {@code smtp-host}; there is no switch to skip either check. For a mail server with a certificate
 * from a private CA, add that CA to a copy of the JDK's {@code cacerts} and start the JVM with
 * {@code -Djavax.net.ssl.trustStore=...} (and {@code -Djavax.net.ssl.trustStorePassword=...}).
 *
 * <p>Thread-safe; each message opens its own connection, bounded by the configured timeouts. Security:
 * nothing here logs the link, the code or the password; a failure is a {@link dev.haze.DeliveryException}
 * whose message names the server, not the message.
 */
public final class SmtpLinkSender implements LinkSender {

    /** The message of the {@link ConfigurationException} thrown when Jakarta Mail is missing. */
    static final String MISSING_MAIL = "SmtpLinkSender needs Jakarta Mail with the Eclipse Angus implementation on"
            + " the class path: add the dependency org.eclipse.angus:angus-mail (it brings"
            + " jakarta.mail:jakarta.mail-api and jakarta.activation)";
    private static final String[] REQUIRED_CLASSES = {
        "jakarta.mail.Session", "jakarta.activation.DataHandler", "org.eclipse.angus.mail.smtp.SMTPTransport"};

    private final SmtpSettings settings;
    private final LinkSender delegate;

    /**
     * A sender with the standard template.
     *
     * @param settings the server and message settings
     * @throws ConfigurationException if Jakarta Mail or Angus is missing, or {@code smtp-from} is not an address
     */
    public SmtpLinkSender(SmtpSettings settings) {
        this(settings, LinkMessageTemplate.standard());
    }

    /**
     * A sender with the application's own template.
     *
     * @param settings the server and message settings
     * @param template writes the plain-text and HTML bodies
     * @throws ConfigurationException if Jakarta Mail or Angus is missing, or {@code smtp-from} is not an address
     */
    public SmtpLinkSender(SmtpSettings settings, LinkMessageTemplate template) {
        this(settings, template, Clock.systemUTC());
    }

    /**
     * @param settings the server and message settings
     * @param template writes the plain-text and HTML bodies
     * @param clock gives the Date header
     * @throws ConfigurationException if Jakarta Mail or Angus is missing, or {@code smtp-from} is not an address
     */
    public SmtpLinkSender(SmtpSettings settings, LinkMessageTemplate template, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(clock, "clock");
        requireJakartaMail();
        try {
            this.delegate = new JakartaMailSender(settings, template, clock);
        } catch (LinkageError e) {
            throw new ConfigurationException(MISSING_MAIL, e);
        }
    }

    /**
     * A sender with the standard template, from {@code smtp-*} options (see {@link SmtpSettings#fromOptions(Map)}).
     *
     * @param options the {@code smtp-*} options
     * @return the sender
     * @throws ConfigurationException naming a bad option, or if Jakarta Mail is missing
     */
    public static SmtpLinkSender fromOptions(Map<String, String> options) {
        return new SmtpLinkSender(SmtpSettings.fromOptions(options));
    }

    private static void requireJakartaMail() {
        ClassLoader loader = SmtpLinkSender.class.getClassLoader();
        for (String name : REQUIRED_CLASSES) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigurationException(MISSING_MAIL + " (class " + name + " not found)", e);
            }
        }
    }

    /** @return the settings this sender uses */
    public SmtpSettings settings() {
        return settings;
    }

    /**
     * Sends one email carrying the link.
     *
     * @param message the recipient, the link and the words around it
     * @throws dev.haze.DeliveryException if the recipient is not a valid address or the server did not
     *     accept the message (down, refused, timed out, STARTTLS unavailable, authentication failed)
     */
    @Override
    public void send(LinkMessage message) {
        delegate.send(Objects.requireNonNull(message, "message"));
    }

    @Override
    public String toString() {
        return "SmtpLinkSender[" + settings + "]";
    }
}
