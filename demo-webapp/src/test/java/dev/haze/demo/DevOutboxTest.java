package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.delivery.LinkMessage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevOutboxTest {
    private static final Instant NOW = Instant.parse("2026-12-03T19:30:00Z");

    private static LinkMessage to(String recipient) {
        return new LinkMessage(recipient, URI.create("http://localhost:8080/auth/verify?token_id=t&signature=s"),
                Duration.ofMinutes(15), NOW.plusSeconds(900), NOW, "", null);
    }

    @Test
    void keepsTheNewestMessagesUpToItsCapacityNewestFirst() {
        DevOutbox outbox = new DevOutbox(Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < DevOutbox.CAPACITY + 5; i++) {
            outbox.send(to("capacity-" + i + "@example.org"));
        }

        List<DevOutbox.Sent> messages = DevOutbox.messages();
        assertThat(messages).hasSize(DevOutbox.CAPACITY);
        assertThat(messages.get(0).to()).isEqualTo("capacity-" + (DevOutbox.CAPACITY + 4) + "@example.org");
        assertThat(messages.get(DevOutbox.CAPACITY - 1).to()).isEqualTo("capacity-5@example.org");
        assertThat(messages.get(0).sentAt()).isEqualTo(NOW);
        assertThat(messages.get(0).toString()).doesNotContain("token_id");
    }

    @Test
    void jsonEscapesEveryValue() {
        String json = DevOutboxServlet.json(List.of(new DevOutbox.Sent("\"eve\"\\</script>\n@example.org",
                DevOutbox.SUBJECT, "http://localhost/v?a=1&b=2", null, NOW)));

        assertThat(json).isEqualTo("[{\"to\":\"\\\"eve\\\"\\\\\\u003c/script>\\u000a@example.org\","
                + "\"subject\":\"Your sign-in link\",\"link\":\"http://localhost/v?a=1&b=2\","
                + "\"sentAt\":\"2026-12-03T19:30:00Z\"}]");
    }
}
