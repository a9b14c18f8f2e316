package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.haze.DeliveryException;
import dev.haze.Haze;
import dev.haze.MagicLink;
import dev.haze.VerifiedToken;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SmtpLinkSender} against GreenMail, a real SMTP server listening on 127.0.0.1 in this JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmtpLinkSenderTest {
    private static final String FROM = "login@app.example";
    private static final Instant REQUESTED = Instant.parse("2026-12-03T19:09:00Z");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(FROM, "mailer", "s3cret-pass"));

    private static SmtpSettings.Builder settings() {
        return SmtpSettings.builder()
                .host("127.0.0.1")
                .port(SMTP.getSmtp().getPort())
                .security(SmtpSettings.Security.NONE)
                .from("Haze Test <" + FROM + ">")
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(5));
    }

    private static LinkMessage message(String recipient, URI link, String requestedBy, String code) {
        return new LinkMessage(recipient, link, Duration.ofMinutes(10), REQUESTED.plus(Duration.ofMinutes(10)),
                REQUESTED, requestedBy, code);
    }

    private static MimeMessage onlyReceived() {
        assertThat(SMTP.waitForIncomingEmail(5_000, 1)).as("a message arrived").isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /** @return the body part of that type in a multipart/alternative email */
    static String part(MimeMessage mail, String mimeType) throws Exception {
        Multipart alternative = (Multipart) mail.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            Part p = alternative.getBodyPart(i);
            if (p.isMimeType(mimeType)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + mimeType + " part");
    }

    @Test
    void deliversMultipartAlternativeWithPlainTextThenHtml() throws Exception {
        URI link = URI.create("https://app.example/auth/verify?token_id=abc_DEF-123&signature=x.y.z");
        new SmtpLinkSender(settings().subject("Sign in to App").build())
                .send(message("ada@example.org", link, "Firefox on Linux", null));

        MimeMessage mail = onlyReceived();
        assertThat(mail.getSubject()).isEqualTo("Sign in to App");
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("Haze Test <" + FROM + ">"));
        assertThat(mail.getAllRecipients()).containsExactly(new InternetAddress("ada@example.org"));
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getMessageID()).isNotBlank();
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);
        // Clients show the last alternative they understand: plain text first, HTML last.
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat(alternative.getBodyPart(0).getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat(alternative.getBodyPart(1).getContentType()).containsIgnoringCase("charset=UTF-8");

        String text = part(mail, "text/plain");
        assertThat(text).contains(link.toString())
                .contains("The link expires in 10 minutes.")
                .contains("requested for ada@example.org on 3 December 2026 at 19:09 UTC from Firefox on Linux.")
                .contains("If you did not ask for this, ignore this email")
                .doesNotContain("code");
        String html = part(mail, "text/html");
        assertThat(html).contains("href=\"https://app.example/auth/verify?token_id=abc_DEF-123&amp;signature=x.y.z\"")
                .contains("The link expires in 10 minutes.")
                .contains("If you did not ask for this, ignore this email");
    }

    @Test
    void linkInTheEmailSignsTheUserIn() throws Exception {
        Haze haze = Haze.builder()
                .baseUrl("https://app.example")
                .secretKey("an-hmac-secret-of-at-least-32-bytes!")
                .build();
        MagicLink link = haze.generate("ada@example.org", Map.of());
        new SmtpLinkSender(settings().build()).send(new LinkMessage("ada@example.org", link.url(),
                Duration.ofMinutes(15), link.expiresAt(), REQUESTED, "", null));

        String text = part(onlyReceived(), "text/plain");
        Matcher m = Pattern.compile("https://\\S+").matcher(text);
        assertThat(m.find()).isTrue();
        assertThat(m.group()).isEqualTo(link.url().toString());
        VerifiedToken verified = haze.validate(m.group());
        assertThat(verified.userId()).isEqualTo("ada@example.org");
    }

    @Test
    void includesTheOneTimeCodeWhenGiven() throws Exception {
        new SmtpLinkSender(settings().build())
                .send(message("ada@example.org", URI.create("https://app.example/v?t=1"), "", "493 817"));

        MimeMessage mail = onlyReceived();
        assertThat(part(mail, "text/plain")).contains("type this code").contains("493 817");
        assertThat(part(mail, "text/html")).contains("type this code").contains(">493 817</p>");
    }

    @Test
    void escapesHostileValuesInTheHtmlPart() throws Exception {
        String hostileDevice = "<img src=https://evil.example/p.gif onerror=alert(1)>\"'&";
        new SmtpLinkSender(settings().build()).send(message("o'brien@example.org",
                URI.create("https://app.example/v?a=1&b='onmouseover='x"), hostileDevice, "<b>1</b>"));

        String html = part(onlyReceived(), "text/html");
        assertThat(html).doesNotContain("<img", "<script", "<b>", "onerror=alert(1)>")
                .contains("&lt;img src=https://evil.example/p.gif onerror=alert(1)&gt;&quot;&#39;&amp;")
                .contains("o&#39;brien@example.org")
                .contains("&lt;b&gt;1&lt;/b&gt;")
                .contains("href=\"https://app.example/v?a=1&amp;b=&#39;onmouseover=&#39;x\"");
    }

    @Test
    void htmlLoadsNothingRemote() throws Exception {
        new SmtpLinkSender(settings().build())
                .send(message("ada@example.org", URI.create("https://app.example/v?t=1"), "Chrome", "123456"));

        String html = part(onlyReceived(), "text/html").toLowerCase(java.util.Locale.ROOT);
        assertThat(html).doesNotContain("<img", "src=", "url(", "<link", "<script", "@import", "<iframe");
        // The only absolute URL is the sign-in link itself (button, copyable link and its text).
        assertThat(Pattern.compile("https?://[^\"<\\s]*").matcher(html).results().map(r -> r.group()))
                .hasSize(3).containsOnly("https://app.example/v?t=1");
    }

    @Test
    void usesTheApplicationsTemplate() throws Exception {
        LinkMessageTemplate custom = new LinkMessageTemplate() {
            @Override
            public String plainText(LinkMessage m) {
                return "Hallo! " + m.link();
            }

            @Override
            public String html(LinkMessage m) {
                return "<p>Hallo!</p>";
            }
        };
        new SmtpLinkSender(settings().build(), custom)
                .send(message("ada@example.org", URI.create("https://app.example/v?t=1"), "", null));

        MimeMessage mail = onlyReceived();
        assertThat(part(mail, "text/plain")).isEqualTo("Hallo! https://app.example/v?t=1");
        assertThat(part(mail, "text/html")).isEqualTo("<p>Hallo!</p>");
    }

    @Test
    void authenticatesWithUsernameAndPassword() throws Exception {
        new SmtpLinkSender(settings().username("mailer").password("s3cret-pass").build())
                .send(message("ada@example.org", URI.create("https://app.example/v?t=1"), "", null));

        assertThat(onlyReceived().getAllRecipients()).containsExactly(new InternetAddress("ada@example.org"));
    }

    @Test
    void wrongPasswordIsADeliveryFailure() {
        SmtpLinkSender sender = new SmtpLinkSender(settings().username("mailer").password("wrong").build());
        URI link = URI.create("https://app.example/v?token_id=SECRET-ID&signature=SECRET.JWT.SIG");

        assertThatThrownBy(() -> sender.send(message("ada@example.org", link, "", null)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("127.0.0.1:" + SMTP.getSmtp().getPort())
                .hasMessageNotContaining("SECRET")
                .cause().isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesToSendInClearWhenStartTlsIsRequiredButNotOffered() {
        // GreenMail's plain SMTP listener does not offer STARTTLS: the link must not go out unencrypted.
        SmtpLinkSender sender = new SmtpLinkSender(settings().security(SmtpSettings.Security.STARTTLS).build());

        assertThatThrownBy(() -> sender.send(message("ada@example.org", URI.create("https://app.example/v?t=1"),
                "", null))).isInstanceOf(DeliveryException.class)
                .cause().hasMessageContaining("STARTTLS");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void invalidRecipientIsADeliveryFailure() {
        SmtpLinkSender sender = new SmtpLinkSender(settings().build());

        assertThatThrownBy(() -> sender.send(message("ada@example.org\r\nBcc: eve@evil.example",
                URI.create("https://app.example/v?t=1"), "", null)))
                .isInstanceOf(DeliveryException.class)
                .hasMessageNotContaining("eve");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
