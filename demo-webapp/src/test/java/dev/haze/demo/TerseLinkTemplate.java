package dev.haze.demo;

import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkMessageTemplate;

/** An application's own email wording, named by {@code SMTP_TEMPLATE} in {@link EmailSignInTest}. */
public final class TerseLinkTemplate implements LinkMessageTemplate {
    /** The first words of the plain-text part. */
    public static final String OPENING = "Terse template:";

    /** For the filter, which creates it by its class name. */
    public TerseLinkTemplate() {
    }

    @Override
    public String plainText(LinkMessage message) {
        return OPENING + " " + message.link() + " works for " + message.validFor().toMinutes() + " minutes.";
    }

    @Override
    public String html(LinkMessage message) {
        return "<p>" + OPENING + "</p>";
    }
}
