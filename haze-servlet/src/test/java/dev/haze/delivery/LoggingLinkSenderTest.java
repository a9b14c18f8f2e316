package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.testing.StandardErrorCapture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The default development sender, through the real SLF4J binding of the tests (slf4j-simple, which writes
 * to whatever {@code System.err} is at the time).
 */
class LoggingLinkSenderTest {

    @Test
    void warnsLoudlyThatItIsForDevelopmentAndLogsTheLinkAtInfo() {
        String log = StandardErrorCapture.during(() -> {
            LoggingLinkSender sender = new LoggingLinkSender();
            Instant now = Instant.parse("2026-12-04T09:00:00Z");
            sender.send(new LinkMessage("ada@example.org",
                    URI.create("https://app.example/auth/verify?token_id=abc&signature=x.y.z"), Duration.ofMinutes(10),
                    now.plus(Duration.ofMinutes(10)), now, "Firefox on Linux", "123456"));
        });

        assertThat(log).contains("WARN").contains("DEVELOPMENT ONLY").contains("before going to production");
        assertThat(log).contains("INFO").contains("ada@example.org")
                .contains("https://app.example/auth/verify?token_id=abc&signature=x.y.z");
        assertThat(log).as("the fallback code is not needed to follow the link").doesNotContain("123456");
    }
}
