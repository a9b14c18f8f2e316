package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.DeliveryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A mail server that is down or hangs fails the send with a {@link DeliveryException}, within the timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmtpServerUnreachableTest {
    private static final LinkMessage MESSAGE = new LinkMessage("ada@example.org",
            URI.create("https://app.example/auth/verify?token_id=SECRET-ID&signature=SECRET.JWT"),
            Duration.ofMinutes(15), Instant.parse("2026-12-03T19:24:00Z"), Instant.parse("2026-12-03T19:09:00Z"),
            "", "SECRET-CODE");

    private static SmtpLinkSender senderTo(int port) {
        return new SmtpLinkSender(SmtpSettings.builder()
                .host("127.0.0.1").port(port).security(SmtpSettings.Security.NONE)
                .from("login@app.example")
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(Duration.ofMillis(500))
                .build());
    }

    @Test
    void serverThatIsDownFailsTheSend() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }

        assertThatThrownBy(() -> senderTo(freePort).send(MESSAGE))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("127.0.0.1:" + freePort)
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void serverThatNeverAnswersFailsTheSendAfterTheReadTimeout() throws IOException {
        // Accepts the connection but never sends the SMTP greeting.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(20_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            assertThatThrownBy(() -> senderTo(silent.getLocalPort()).send(MESSAGE))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageNotContaining("SECRET");
            acceptor.interrupt();
        }
    }
}
