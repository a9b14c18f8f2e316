package dev.haze.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> options = new HashMap<>();
        options.put("smtp-host", "mail.example.org");
        options.put("smtp-from", "login@example.org");
        return options;
    }

    @Test
    void defaultsToStartTlsOnPort587WithTenSecondTimeouts() {
        SmtpSettings s = SmtpSettings.fromOptions(minimal());

        assertThat(s.security()).isEqualTo(SmtpSettings.Security.STARTTLS);
        assertThat(s.port()).isEqualTo(587);
        assertThat(s.subject()).isEqualTo(SmtpSettings.DEFAULT_SUBJECT);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.username()).isNull();
        assertThat(s.password()).isNull();
    }

    @Test
    void portFollowsTheSecurityUnlessGiven() {
        Map<String, String> options = minimal();
        options.put("smtp-security", "SSL");
        assertThat(SmtpSettings.fromOptions(options).port()).isEqualTo(465);
        options.put("smtp-security", "none");
        assertThat(SmtpSettings.fromOptions(options).port()).isEqualTo(25);
        options.put("smtp-port", "2525");
        assertThat(SmtpSettings.fromOptions(options).port()).isEqualTo(2525);
    }

    @Test
    void readsEveryOptionAndResolvesEnvironmentPlaceholders() {
        Map<String, String> options = minimal();
        options.put("smtp-port", "1025");
        options.put("smtp-security", "starttls");
        options.put("smtp-username", "mailer");
        options.put("smtp-password", "${env:SMTP_PASSWORD}");
        options.put("smtp-from", "Example <login@example.org>");
        options.put("smtp-subject", "Sign in to Example");
        options.put("smtp-connect-timeout", "3s");
        options.put("smtp-read-timeout", "PT20S");

        SmtpSettings s = SmtpSettings.fromOptions(options, name -> name.equals("SMTP_PASSWORD") ? "from-env" : null);

        assertThat(s.port()).isEqualTo(1025);
        assertThat(s.username()).isEqualTo("mailer");
        assertThat(s.password()).isEqualTo("from-env");
        assertThat(s.from()).isEqualTo("Example <login@example.org>");
        assertThat(s.subject()).isEqualTo("Sign in to Example");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void toStringNeverShowsThePassword() {
        SmtpSettings s = SmtpSettings.builder().host("h").from("a@b.c").username("u").password("pa55word").build();

        assertThat(s.toString()).doesNotContain("pa55word").contains("username=u");
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertRejected(Map.of("smtp-from", "a@b.c"), "smtp-host is required");
        assertRejected(Map.of("smtp-host", "h"), "smtp-from is required");
        assertRejected(with("smtp-port", "0"), "smtp-port must be between 1 and 65535");
        assertRejected(with("smtp-port", "smtp"), "smtp-port must be a whole number");
        assertRejected(with("smtp-security", "tls"), "smtp-security must be none, starttls or ssl");
        assertRejected(with("smtp-username", "u"), "smtp-username and smtp-password must be given together");
        assertRejected(with("smtp-connect-timeout", "soon"), "smtp-connect-timeout must be a duration");
        assertRejected(with("smtp-read-timeout", "1h"), "smtp-read-timeout must be between 1ms and 10m");
        assertRejected(with("smtp-subject", "Hi\r\nBcc: eve@evil.example"), "smtp-subject must be a single line");
        assertRejected(with("smtp-password", "${env:HAZE_TEST_UNSET_VARIABLE}"),
                "smtp-password: environment variable HAZE_TEST_UNSET_VARIABLE is not set");
        assertRejected(with("smtp-hots", "typo"), "unknown option 'smtp-hots'");
    }

    @Test
    void optionNamesListEverySmtpOption() {
        assertThat(SmtpSettings.OPTION_NAMES).containsExactlyInAnyOrder("smtp-host", "smtp-port", "smtp-security",
                "smtp-username", "smtp-password", "smtp-from", "smtp-subject", "smtp-connect-timeout",
                "smtp-read-timeout");
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> options = minimal();
        options.put(name, value);
        return options;
    }

    private static void assertRejected(Map<String, String> options, String message) {
        assertThatThrownBy(() -> SmtpSettings.fromOptions(options, name -> null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
