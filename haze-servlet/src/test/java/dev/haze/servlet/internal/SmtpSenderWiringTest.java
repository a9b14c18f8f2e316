package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import dev.haze.delivery.SmtpLinkSender;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code link-sender=smtp} and the {@code smtp-*} init-params. */
class SmtpSenderWiringTest {

    private static Map<String, String> params(String... extra) {
        Map<String, String> params = new HashMap<>(Map.of(
                "base-url", "https://app.example", "secret-key", "a-test-secret-of-more-than-32-bytes!!"));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return params;
    }

    @Test
    void linkSenderSmtpBuildsTheSmtpSenderFromTheSmtpParams() {
        FilterBootstrap parts = FilterBootstrap.fromInitParams(params("link-sender", "smtp",
                "smtp-host", "mail.example.org", "smtp-port", "2525", "smtp-security", "none",
                "smtp-from", "login@example.org"));

        assertThat(parts.sender()).isInstanceOf(SmtpLinkSender.class);
        SmtpLinkSender sender = (SmtpLinkSender) parts.sender();
        assertThat(sender.settings().host()).isEqualTo("mail.example.org");
        assertThat(sender.settings().port()).isEqualTo(2525);
        parts.store().close();
    }

    @Test
    void linkSenderSmtpWithoutAHostNamesTheMissingParam() {
        assertThatThrownBy(() -> FilterBootstrap.fromInitParams(params("link-sender", "smtp",
                "smtp-from", "login@example.org")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("smtp-host is required");
    }

    @Test
    void smtpParamsWithAnotherSenderAreAMistake() {
        assertThatThrownBy(() -> FilterBootstrap.fromInitParams(params("smtp-host", "mail.example.org")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[smtp-host] need link-sender=smtp");
    }
}
