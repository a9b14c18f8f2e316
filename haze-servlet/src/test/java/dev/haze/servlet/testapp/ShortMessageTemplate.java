package dev.haze.servlet.testapp;

import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.LinkMessageTemplate;

/** An application's own email wording, named by the {@code smtp-template} init-param. */
public final class ShortMessageTemplate implements LinkMessageTemplate {
    @Override
    public String plainText(LinkMessage message) {
        return "Ahoy! Sign in here: " + message.link();
    }

    @Override
    public String html(LinkMessage message) {
        return "<!doctype html><p>Ahoy! <a href=\"" + message.link() + "\">Sign in</a></p>";
    }
}
