package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.haze.demo.server.DemoServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo in production mode (no outbox) on embedded Jetty, sending real email over SMTP: to GreenMail,
 * a real SMTP server in this JVM, and to a server that refuses the message.
 */
class EmailSignInTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path data;

    private DemoServer startWithSmtpOn(int port) throws Exception {
        return DemoServer.start("127.0.0.1", 0, Path.of(System.getProperty("haze.demo.webapp")), Map.of(
                DemoSettings.DEVELOPMENT, "false",
                DemoSettings.DATA, data.toString(),
                "HAZE_SECRET_KEY", "production-test-secret-0123456789abcdefghij",
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(port),
                "SMTP_SECURITY", "none",
                "SMTP_FROM", "Haze demo <login@demo.example>",
                "SMTP_CONNECT_TIMEOUT", "2s",
                "SMTP_READ_TIMEOUT", "5s"));
    }

    @Test
    void signsInWithTheLinkFromARealEmail() throws Exception {
        try (DemoServer demo = startWithSmtpOn(MAIL.getSmtp().getPort())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());
            SignInSteps.requestLink(visitor, "grace@example.org");

            assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = MAIL.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("Your sign-in link");
            assertThat(mail.isMimeType("multipart/alternative")).isTrue();
            SignInSteps.signInWith(visitor, SignInSteps.linkIn(mail), "grace@example.org");
        }
    }

    @Test
    void productionModeHasNoOutbox() throws Exception {
        try (DemoServer demo = startWithSmtpOn(MAIL.getSmtp().getPort())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            assertThat(visitor.get("/dev/outbox").statusCode()).isEqualTo(404);
            assertThat(visitor.get("/dev/outbox.json").statusCode()).isEqualTo(404);
            assertThat(visitor.get("/").body()).doesNotContain("outbox");
            assertThat(SignInSteps.requestLink(visitor, "grace@example.org").body()).doesNotContain("outbox");
        }
    }

    @Test
    void unreachableMailServerAnswers503AndLeavesNoUsableLink() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (DemoServer demo = startWithSmtpOn(closedPort)) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            HttpResponse<String> answer = visitor.post("/auth/magic-link", Map.of("email", "grace@example.org"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("data-haze-page=\"unavailable\"").doesNotContain("Exception");
            assertThat(visitor.get("/dashboard").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void refusedEmailAnswers503AndLeavesNoUsableLink() throws Exception {
        try (RejectingSmtpServer smtp = new RejectingSmtpServer(); DemoServer demo = startWithSmtpOn(smtp.port())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            HttpResponse<String> answer = visitor.post("/auth/magic-link", Map.of("email", "grace@example.org"));

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("data-haze-page=\"unavailable\"").doesNotContain("Exception");
            assertThat(smtp.refusedMessages()).hasSize(1);
            MimeMessage refused = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(smtp.refusedMessages().get(0)));
            String link = SignInSteps.linkIn(refused);
            HttpResponse<String> opened = visitor.get(link);
            assertThat(opened.statusCode()).isBetween(400, 499);
            assertThat(opened.body()).doesNotContain("data-haze-page=\"confirm\"");
            assertThat(visitor.get("/dashboard").statusCode()).isEqualTo(303);
        }
    }
}
