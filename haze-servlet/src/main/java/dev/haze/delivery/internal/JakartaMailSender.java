package dev.haze.delivery.internal;

import dev.haze.ConfigurationException;
import dev.haze.DeliveryException;
import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkMessageTemplate;
import dev.haze.delivery.LinkSender;
import dev.haze.delivery.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of {@link dev.haze.delivery.SmtpLinkSender} that touches Jakarta Mail. Kept apart so that the
 * public class loads, and fails with a clear message, when Jakarta Mail is not on the class path.
 * Thread-safe: the mail {@link Session} is shared, each message opens its own connection.
 */
public final class JakartaMailSender implements LinkSender {
    private static final Logger LOG = LoggerFactory.getLogger(JakartaMailSender.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpSettings settings;
    private final LinkMessageTemplate template;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;

    /**
     * @param settings where and how to send
     * @param template writes the bodies
     * @param clock gives the Date header
     * @throws ConfigurationException if {@code smtp-from} is not a valid address
     */
    public JakartaMailSender(SmtpSettings settings, LinkMessageTemplate template, Clock clock) {
        this.settings = settings;
        this.template = template;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new ConfigurationException("smtp-from is not a valid email address: '" + settings.from() + "'", e);
        }
    }

    private static Properties properties(SmtpSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(s.username() != null));
        switch (s.security()) {
            case STARTTLS -> {
                // Required, not merely enabled: a server (or a man in the middle) that hides STARTTLS must not
                // get the link in clear text.
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
            }
        }
        return p;
    }

    @Override
    public void send(LinkMessage message) {
        MimeMessage mail = compose(message);
        try {
            if (settings.username() == null) {
                Transport.send(mail);
            } else {
                Transport.send(mail, settings.username(), settings.password());
            }
        } catch (MessagingException e) {
            throw new DeliveryException("SMTP server " + settings.host() + ":" + settings.port()
                    + " did not accept the sign-in email: " + summary(e), e);
        }
        LOG.debug("sign-in email accepted by {}:{}", settings.host(), settings.port());
    }

    private MimeMessage compose(LinkMessage message) {
        InternetAddress to;
        try {
            to = new InternetAddress(message.recipient(), true);
        } catch (AddressException e) {
            throw new DeliveryException("the recipient is not a valid email address", e);
        }
        try {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(template.plainText(message), UTF_8, "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(template.html(message), UTF_8, "html");
            MimeMultipart alternative = new MimeMultipart("alternative", text, html);

            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(from);
            mail.setRecipient(Message.RecipientType.TO, to);
            mail.setSubject(settings.subject(), UTF_8);
            mail.setSentDate(Date.from(clock.instant()));
            // RFC 3834: an automatic message; vacation responders and the like must not answer it.
            mail.setHeader("Auto-Submitted", "auto-generated");
            mail.setContent(alternative);
            return mail;
        } catch (MessagingException e) {
            throw new DeliveryException("could not compose the sign-in email: " + summary(e), e);
        }
    }

    /**
     * The failure as the operator needs it (the SMTP reply or the network error, e.g. "connection refused"),
     * without the message itself: the server's reply never contains the link, and Jakarta Mail's messages
     * name the host and the nested cause.
     */
    private static String summary(MessagingException e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
        if (cause != null && (e.getMessage() == null || !e.getMessage().contains(String.valueOf(cause.getMessage())))) {
            text.append(" (").append(cause).append(')');
        }
        return text.toString().replace('\r', ' ').replace('\n', ' ');
    }
}
