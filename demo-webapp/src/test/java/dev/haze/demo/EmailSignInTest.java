package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.haze.demo.server.DemoServer;
import dev.haze.testing.StandardErrorCapture;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on embedded Jetty sending real email over SMTP: to GreenMail, a real SMTP server in this JVM, and
 * to a server that refuses the message or is not there. Mostly in production mode (no outbox, every setting
 * given), as a deployment would run it.
 */
class EmailSignInTest {
    private static final String SECRET = "production-test-secret-0123456789abcdefghij";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path data;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Map<String, String> mailTo(int smtpPort) {
        return new HashMap<>(Map.of(
                DemoSettings.DATA, data.toString(),
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(smtpPort),
                "SMTP_SECURITY", "none",
                "SMTP_FROM", "Haze demo <login@demo.example>",
                "SMTP_CONNECT_TIMEOUT", "2s",
                "SMTP_READ_TIMEOUT", "5s"));
    }

    /** Production mode, as a deployment runs it: the base URL, the secret and the mail server all given. */
    private DemoServer startInProduction(int smtpPort, Map<String, String> more) throws Exception {
        int port = freePort();
        Map<String, String> variables = mailTo(smtpPort);
        variables.put(DemoSettings.DEVELOPMENT, "false");
        variables.put("HAZE_BASE_URL", "http://localhost:" + port);
        variables.put("HAZE_SECRET_KEY", SECRET);
        variables.putAll(more);
        return DemoServer.start("127.0.0.1", port, webapp(), variables);
    }

    private static Path webapp() {
        return Path.of(System.getProperty("haze.demo.webapp"));
    }

    /** @return the state of every token and sign-in request row in the demo's H2 database */
    private List<String> storedRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve(DemoSettings.H2_FILE));
             Statement query = db.createStatement()) {
            try (ResultSet tokens = query.executeQuery("SELECT user_id, consumed_at FROM haze_tokens")) {
                while (tokens.next()) {
                    rows.add("token of " + tokens.getString(1) + ", consumed at " + tokens.getObject(2));
                }
            }
            try (ResultSet requests = query.executeQuery("SELECT user_id, state FROM haze_login_requests")) {
                while (requests.next()) {
                    rows.add("request of " + requests.getString(1) + ", " + requests.getString(2).trim());
                }
            }
        }
        return rows;
    }

    @Test
    void signsInWithTheLinkFromARealEmail() throws Exception {
        try (DemoServer demo = startInProduction(MAIL.getSmtp().getPort(), Map.of())) {
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
        try (DemoServer demo = startInProduction(MAIL.getSmtp().getPort(), Map.of())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            assertThat(visitor.get("/dev/outbox").statusCode()).isEqualTo(404);
            assertThat(visitor.get("/dev/outbox.json").statusCode()).isEqualTo(404);
            assertThat(visitor.get("/").body()).doesNotContain("outbox");
            assertThat(SignInSteps.requestLink(visitor, "grace@example.org").body()).doesNotContain("outbox");
        }
    }

    @Test
    void productionModeWithoutABaseUrlDoesNotStart() {
        assumeTrue(System.getenv("HAZE_BASE_URL") == null, "HAZE_BASE_URL is set in this test's environment");
        Map<String, String> variables = mailTo(MAIL.getSmtp().getPort());
        variables.put(DemoSettings.DEVELOPMENT, "false");
        variables.put("HAZE_SECRET_KEY", SECRET);

        // The server's own address is no stand-in for the public URL links must carry.
        assertThatThrownBy(() -> DemoServer.start("127.0.0.1", 0, webapp(), variables).close())
                .satisfies(e -> assertThat(messagesIn(e)).anyMatch(m -> m.contains("HAZE_BASE_URL is not set")));
    }

    @Test
    void developmentModeOnAWildcardAddressLinksToLocalhost() throws Exception {
        assumeTrue(System.getenv("HAZE_BASE_URL") == null, "HAZE_BASE_URL is set in this test's environment");
        Map<String, String> variables = mailTo(MAIL.getSmtp().getPort());
        variables.put(DemoSettings.DEVELOPMENT, "true");

        // Development mode with a mail server: links go by email, so no outbox is open on the network.
        try (DemoServer demo = DemoServer.start("0.0.0.0", 0, webapp(), variables)) {
            URI local = URI.create("http://localhost:" + demo.uri().getPort());
            assertThat(demo.uri()).isEqualTo(local);
            HttpVisitor visitor = new HttpVisitor(local);
            SignInSteps.requestLink(visitor, "grace@example.org");

            assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
            String link = SignInSteps.linkIn(MAIL.getReceivedMessages()[0]);
            assertThat(link).startsWith(local + "/auth/verify?");
            SignInSteps.signInWith(visitor, link, "grace@example.org");
        }
    }

    @Test
    void variablesChooseTheUserResolverTheEmailTemplateAndTheLinkExpiry() throws Exception {
        try (DemoServer demo = startInProduction(MAIL.getSmtp().getPort(), Map.of(
                "HAZE_USER_RESOLVER", ExampleOrgUsers.class.getName(),
                "SMTP_TEMPLATE", TerseLinkTemplate.class.getName(),
                "HAZE_LINK_EXPIRY", "5m"))) {
            HttpVisitor stranger = new HttpVisitor(demo.uri());
            SignInSteps.requestLink(stranger, "eve@elsewhere.test");
            // Sending is synchronous: had the resolver let eve in, her email would be here by now.
            assertThat(MAIL.getReceivedMessages()).isEmpty();

            HttpVisitor visitor = new HttpVisitor(demo.uri());
            assertThat(SignInSteps.requestLink(visitor, "grace@example.org").body())
                    .contains("It works for 5 minutes.");
            assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = MAIL.getReceivedMessages()[0];
            String link = SignInSteps.linkIn(mail);
            assertThat(SignInSteps.textOf(mail)).isEqualTo(TerseLinkTemplate.OPENING + " " + link
                    + " works for 5 minutes.");
            SignInSteps.signInWith(visitor, link, "member:grace@example.org");
        }
    }

    @Test
    void unreachableMailServerAnswers503LeavesNoLiveTokenAndLogsTheCauseAtWarn() throws Exception {
        int closedPort = freePort();
        try (DemoServer demo = startInProduction(closedPort, Map.of())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            HttpResponse<String> answer;
            List<String> warnings;
            String log;
            try (StandardErrorCapture captured = StandardErrorCapture.start()) {
                answer = visitor.post("/auth/magic-link", Map.of("email", "grace@example.org"));
                warnings = captured.linesWith("link delivery failed");
                log = captured.text();
            }

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("data-haze-page=\"unavailable\"").doesNotContain("Exception");
            assertThat(visitor.get("/dashboard").statusCode()).isEqualTo(303);
            assertThat(warnings).singleElement().satisfies(line -> assertThat(line).contains(" WARN ")
                    .contains("127.0.0.1:" + closedPort).containsIgnoringCase("connection refused"));
            assertThat(log).doesNotContain("token_id", "signature=", "/auth/verify");
        }
        // The filter revoked the link it could not deliver: no token row, and the request is no longer pending.
        assertThat(storedRows()).noneMatch(row -> row.startsWith("token of"))
                .noneMatch(row -> row.endsWith("PENDING"))
                .contains("request of grace@example.org, EXPIRED");
    }

    @Test
    void refusedEmailAnswers503AndLeavesNoUsableLink() throws Exception {
        try (RejectingSmtpServer smtp = new RejectingSmtpServer();
             DemoServer demo = startInProduction(smtp.port(), Map.of())) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());

            HttpResponse<String> answer;
            List<String> warnings;
            try (StandardErrorCapture captured = StandardErrorCapture.start()) {
                answer = visitor.post("/auth/magic-link", Map.of("email", "grace@example.org"));
                warnings = captured.linesWith("link delivery failed");
            }

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("data-haze-page=\"unavailable\"").doesNotContain("Exception");
            assertThat(smtp.refusedMessages()).hasSize(1);
            MimeMessage refused = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(smtp.refusedMessages().get(0)));
            String link = SignInSteps.linkIn(refused);
            Map<String, String> query = SignInSteps.queryOf(link);
            assertThat(warnings).singleElement().satisfies(line -> assertThat(line).contains(" WARN ").contains("451")
                    .doesNotContain(query.get("token_id"), query.get("signature"), "/auth/verify"));
            HttpResponse<String> opened = visitor.get(link);
            assertThat(opened.statusCode()).isBetween(400, 499);
            assertThat(opened.body()).doesNotContain("data-haze-page=\"confirm\"");
            assertThat(visitor.get("/dashboard").statusCode()).isEqualTo(303);
        }
    }

    /** @return the messages of the exception, its causes and their suppressed exceptions */
    private static List<String> messagesIn(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable suppressed : t.getSuppressed()) {
                messages.addAll(messagesIn(suppressed));
            }
        }
        return messages;
    }
}
