package dev.haze.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LinkSender} for development: writes the link to the log at INFO instead of delivering it.
 *
 * <p><b>Development only.</b> A magic link is a bearer credential; anyone who can read the log can sign in
 * as the recipient. Construction logs a WARN saying so, once per instance (the servlet filter creates one
 * per filter). Use a real sender (SMTP, or your own) in production.
 *
 * <p>Thread-safe.
 */
public final class LoggingLinkSender implements LinkSender {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingLinkSender.class);

    /** Logs the "development only" warning. */
    public LoggingLinkSender() {
        LOG.warn("DEVELOPMENT ONLY: magic links are written to the log instead of being delivered. Anyone who"
                + " reads this log can sign in as any user who requests a link. Configure a real link-sender"
                + " (smtp or your own class) before going to production.");
    }

    /** Logs the recipient and the link at INFO. */
    @Override
    public void send(LinkMessage message) {
        LOG.info("Magic link for {} (valid for {}): {}", message.recipient(), message.validFor(), message.link());
    }
}
