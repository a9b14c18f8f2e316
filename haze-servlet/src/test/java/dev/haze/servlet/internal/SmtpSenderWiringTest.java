package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.haze.ConfigurationException;
import dev.haze.delivery.LinkMessage;
import dev.haze.delivery.SmtpLinkSender;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code link-sender=smtp} and the {@code smtp-*} init-params. */
class SmtpSenderWiringTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

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

    @Test
    void smtpTemplateNamesTheApplicationsOwnWording() throws Exception {
        FilterBootstrap parts = FilterBootstrap.fromInitParams(params("link-sender", "smtp",
                "smtp-host", "127.0.0.1", "smtp-port", Integer.toString(SMTP.getSmtp().getPort()),
                "smtp-security", "none", "smtp-from", "login@example.org",
                "smtp-template", "dev.haze.servlet.testapp.ShortMessageTemplate"));
        try {
            Instant now = Instant.parse("2026-12-04T08:00:00Z");
            parts.sender().send(new LinkMessage("ada@example.org",
                    URI.create("https://app.example/auth/verify?token_id=t&signature=s"), Duration.ofMinutes(10),
                    now.plus(Duration.ofMinutes(10)), now, "Firefox on Linux", null));

            assertThat(SMTP.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage mail = SMTP.getReceivedMessages()[0];
            assertThat(GreenMailUtil.getBody(mail))
                    .contains("Ahoy! Sign in here: https://app.example/auth/verify?token_id=t&signature=s")
                    .doesNotContain("If you did not ask for this");
        } finally {
            parts.store().close();
        }
    }

    @Test
    void smtpTemplateThatIsNotATemplateIsNamed() {
        assertThatThrownBy(() -> FilterBootstrap.fromInitParams(params("link-sender", "smtp",
                "smtp-host", "mail.example.org", "smtp-from", "login@example.org",
                "smtp-template", "java.lang.Object")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("smtp-template").hasMessageContaining("LinkMessageTemplate");
        assertThatThrownBy(() -> FilterBootstrap.fromInitParams(params(
                "smtp-template", "dev.haze.servlet.testapp.ShortMessageTemplate")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("[smtp-template] need link-sender=smtp");
    }
}
