package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class StandardLinkMessageTemplateTest {
    private static final URI LINK = URI.create("https://app.example/auth/verify?token_id=t&signature=s");

    private static LinkMessage message(Duration validFor, String requestedBy) {
        Instant at = Instant.parse("2026-12-03T19:09:30Z");
        return new LinkMessage("ada@example.org", LINK, validFor, at.plus(validFor), at, requestedBy, null);
    }

    @Test
    void saysTheExpiryInWords() {
        LinkMessageTemplate t = LinkMessageTemplate.standard();

        assertThat(t.plainText(message(Duration.ofMinutes(10), ""))).contains("The link expires in 10 minutes.");
        assertThat(t.plainText(message(Duration.ofMinutes(1), ""))).contains("expires in 1 minute.");
        assertThat(t.plainText(message(Duration.ofMinutes(90), ""))).contains("expires in 1 hour and 30 minutes.");
        assertThat(t.plainText(message(Duration.ofHours(48), ""))).contains("expires in 2 days.");
        assertThat(t.plainText(message(Duration.ofSeconds(45), ""))).contains("expires in 45 seconds.");
    }

    @Test
    void showsTheRequestTimeInTheConfiguredZone() {
        assertThat(LinkMessageTemplate.standard(ZoneId.of("Europe/Paris")).plainText(message(Duration.ofMinutes(15), "")))
                .contains("on 3 December 2026 at 20:09 Europe/Paris.");
        assertThat(LinkMessageTemplate.standard().plainText(message(Duration.ofMinutes(15), "Safari on iOS")))
                .contains("on 3 December 2026 at 19:09 UTC from Safari on iOS.");
    }

    @Test
    void outsideValuesCannotAddLinesToTheMessage() {
        String text = LinkMessageTemplate.standard()
                .plainText(message(Duration.ofMinutes(15), "Chrome\r\n\r\nYour account is locked, call 555"));

        assertThat(text).contains("from Chrome Your account is locked, call 555.")
                .doesNotContain("\r");
    }

    @Test
    void linkStandsAloneOnItsLineInPlainText() {
        assertThat(LinkMessageTemplate.standard().plainText(message(Duration.ofMinutes(15), "")).lines())
                .contains(LINK.toString());
    }
}
