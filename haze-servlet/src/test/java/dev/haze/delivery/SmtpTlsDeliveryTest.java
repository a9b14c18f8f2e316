package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.haze.DeliveryException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link SmtpLinkSender} over TLS: {@code ssl} to GreenMail's SMTPS listener, {@code starttls} to
 * {@link StartTlsSmtpServer} (GreenMail 2.1 offers no STARTTLS). Both servers present the test certificate
 * for 127.0.0.1 ({@link TestCertificate}); the sender trusts it the way a deployment trusts a private CA:
 * through the JVM's trust store, which these tests swap for one holding only that certificate and restore
 * afterwards. The certificate must also name the host the sender connects to.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpTlsDeliveryTest {
    static {
        // GreenMail reads the key store of its TLS listeners from these, once per JVM (no other test here
        // starts a TLS listener): it presents our 127.0.0.1 certificate instead of its own, which names no host.
        System.setProperty("greenmail.tls.keystore.file", TestCertificate.file().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
    }

    private static final Instant NOW = Instant.parse("2026-12-03T19:09:00Z");
    private static final URI LINK = URI.create("https://app.example/auth/verify?token_id=tls-test&signature=a.b.c");

    @RegisterExtension
    static final GreenMailExtension SMTPS = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());

    private SSLContext jvmDefault;

    @BeforeEach
    void rememberTheJvmTrust() throws Exception {
        jvmDefault = SSLContext.getDefault();
    }

    @AfterEach
    void restoreTheJvmTrust() {
        SSLContext.setDefault(jvmDefault);
    }

    /** What an operator does for a private CA: add it to the JVM's trust store. */
    private static void trustTheTestCertificate() throws Exception {
        SSLContext.setDefault(TestCertificate.trustingClientContext());
    }

    private static SmtpLinkSender sender(String host, int port, SmtpSettings.Security security) {
        return new SmtpLinkSender(SmtpSettings.builder().host(host).port(port).security(security)
                .from("login@app.example").connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5))
                .build());
    }

    private static LinkMessage message() {
        return new LinkMessage("ada@example.org", LINK, Duration.ofMinutes(10), NOW.plus(Duration.ofMinutes(10)),
                NOW, "Firefox on Linux", null);
    }

    @Test
    void deliversOverSsl() throws Exception {
        trustTheTestCertificate();

        sender("127.0.0.1", SMTPS.getSmtps().getPort(), SmtpSettings.Security.SSL).send(message());

        assertThat(SMTPS.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = SMTPS.getReceivedMessages()[0];
        assertThat(SmtpLinkSenderTest.part(mail, "text/plain")).contains(LINK.toString());
    }

    @Test
    void deliversOverStartTls() throws Exception {
        trustTheTestCertificate();
        try (StartTlsSmtpServer server = new StartTlsSmtpServer()) {
            sender("127.0.0.1", server.port(), SmtpSettings.Security.STARTTLS).send(message());

            // The server refuses MAIL before the upgrade, so a received message came over TLS.
            assertThat(server.received()).singleElement().satisfies(received -> {
                assertThat(received.protocol()).startsWith("TLSv1.");
                MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(received.message()));
                assertThat(SmtpLinkSenderTest.part(mail, "text/plain")).contains(LINK.toString());
            });
        }
    }

    @Test
    void refusesACertificateTheJvmDoesNotTrust() throws Exception {
        try (StartTlsSmtpServer server = new StartTlsSmtpServer()) {
            assertThatThrownBy(() -> sender("127.0.0.1", SMTPS.getSmtps().getPort(), SmtpSettings.Security.SSL)
                    .send(message())).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("PKIX path building failed")
                    .hasMessageNotContaining("tls-test");
            assertThatThrownBy(() -> sender("127.0.0.1", server.port(), SmtpSettings.Security.STARTTLS)
                    .send(message())).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("PKIX path building failed")
                    .hasMessageNotContaining("tls-test");

            assertThat(SMTPS.getReceivedMessages()).isEmpty();
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void refusesATrustedCertificateThatNamesAnotherHost() throws Exception {
        trustTheTestCertificate();
        try (StartTlsSmtpServer server = new StartTlsSmtpServer()) {
            // Same servers, reached as "localhost": the certificate names only 127.0.0.1.
            assertThatThrownBy(() -> sender("localhost", SMTPS.getSmtps().getPort(), SmtpSettings.Security.SSL)
                    .send(message())).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("No name matching localhost");
            assertThatThrownBy(() -> sender("localhost", server.port(), SmtpSettings.Security.STARTTLS)
                    .send(message())).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("No name matching localhost");

            assertThat(SMTPS.getReceivedMessages()).isEmpty();
            assertThat(server.received()).isEmpty();
        }
    }
}
