package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import dev.haze.HazeBuilder;
import dev.haze.delivery.SmtpSettings;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.internal.FilterBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSettingsTest {
    @TempDir
    Path data;

    private DemoSettings read(Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.putIfAbsent(DemoSettings.DATA, data.toString());
        return DemoSettings.read(all::get, DemoSettings.optionNames());
    }

    @Test
    void developmentModeFillsInLocalDefaultsAndTheOutbox() throws Exception {
        DemoSettings settings = read(Map.of(DemoSettings.DEVELOPMENT, "true"));

        Path secret = data.resolve(DevSecret.FILE_NAME);
        assertThat(settings.development()).isTrue();
        assertThat(settings.outbox()).isTrue();
        assertThat(settings.filterParams()).containsEntry("base-url", "http://localhost:8080")
                .containsEntry("link-sender", DevOutbox.class.getName())
                .containsEntry("store", "jdbc")
                .containsEntry("jdbc-url", "jdbc:h2:file:" + data.resolve("haze"))
                .containsEntry("secret-key", "${file:" + secret + "}")
                .containsAllEntriesOf(DemoSettings.DEMO_DEFAULTS);
        assertThat(settings.fromVariable("base-url")).isFalse();
        assertThat(Files.readString(secret)).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    }

    @Test
    void theDevelopmentSecretIsCreatedOnceAndKept() throws Exception {
        read(Map.of(DemoSettings.DEVELOPMENT, "true"));
        String first = Files.readString(data.resolve(DevSecret.FILE_NAME));

        read(Map.of(DemoSettings.DEVELOPMENT, "true"));

        assertThat(Files.readString(data.resolve(DevSecret.FILE_NAME))).isEqualTo(first);
    }

    @Test
    void environmentVariablesBecomeFilterInitParams() {
        DemoSettings settings = read(Map.of(
                "HAZE_BASE_URL", "https://app.example.com",
                "HAZE_SECRET_KEY", "${env:MY_SECRET}",
                "HAZE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "HAZE_JDBC_USERNAME", "postgres",
                "HAZE_LINK_EXPIRY", "10m",
                "SMTP_HOST", "smtp.example.com",
                "SMTP_FROM", "login@app.example.com",
                "SMTP_PASSWORD", "${env:SMTP_SECRET}",
                "HAZE_REQUIRE_BROWSER", "1"));

        assertThat(settings.development()).isFalse();
        assertThat(settings.outbox()).isFalse();
        assertThat(settings.filterParams()).containsEntry("base-url", "https://app.example.com")
                .containsEntry("secret-key", "${env:MY_SECRET}")
                .containsEntry("store", "jdbc")
                .containsEntry("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test")
                .containsEntry("jdbc-username", "postgres")
                .containsEntry("link-expiry", "10m")
                .containsEntry("link-sender", "smtp")
                .containsEntry("smtp-host", "smtp.example.com")
                .containsEntry("smtp-password", "${env:SMTP_SECRET}")
                .doesNotContainKey("require-browser");
        assertThat(data.resolve(DevSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void everyOptionOfTheFilterIsAVariableAndOverridesTheDemosChoice() {
        DemoSettings settings = read(Map.of(
                DemoSettings.DEVELOPMENT, "true",
                "HAZE_LINK_EXPIRY", "5m",
                "HAZE_PROTECTED_PATHS", "/dashboard,/admin/*",
                "HAZE_USER_RESOLVER", "com.example.Users",
                "HAZE_CROSS_DEVICE", "false",
                "HAZE_TABLE_PREFIX", "demo_",
                "SMTP_HOST", "smtp.example.com",
                "SMTP_FROM", "login@example.com",
                "SMTP_TEMPLATE", "com.example.MailText"));

        assertThat(settings.filterParams()).containsEntry("link-expiry", "5m")
                .containsEntry("protected-paths", "/dashboard,/admin/*")
                .containsEntry("login-page", "/")
                .containsEntry("success-redirect", "/dashboard")
                .containsEntry("user-resolver", "com.example.Users")
                .containsEntry("cross-device", "false")
                .containsEntry("table-prefix", "demo_")
                .containsEntry("smtp-template", "com.example.MailText")
                .containsEntry("link-sender", "smtp");
        assertThat(settings.fromVariable("link-expiry")).isTrue();
        assertThat(settings.fromVariable("login-page")).isFalse();
    }

    @Test
    void theAcceptedNamesAreTheFiltersOwn() {
        assertThat(DemoSettings.optionNames())
                .containsAll(HazeBuilder.OPTION_NAMES)
                .containsAll(FilterSettings.NAMES)
                .containsAll(FilterBootstrap.OWN_NAMES)
                .containsAll(SmtpSettings.OPTION_NAMES)
                .contains("jdbc-url", "user-resolver", "smtp-template");
        assertThat(DemoSettings.variableFor("smtp-template")).isEqualTo("SMTP_TEMPLATE");
        assertThat(DemoSettings.variableFor("user-resolver")).isEqualTo("HAZE_USER_RESOLVER");
    }

    @Test
    void aMailServerWithoutASenderNamesSmtpFrom() {
        assertThatThrownBy(() -> read(Map.of("SMTP_HOST", "smtp.example.com", "HAZE_BASE_URL", "https://a.example",
                "HAZE_SECRET_KEY", "x".repeat(40))))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("SMTP_FROM is not set")
                .hasMessageNotContaining("smtp-from");
        assertThatThrownBy(() -> read(Map.of(DemoSettings.DEVELOPMENT, "true", "SMTP_HOST", "smtp.example.com")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("SMTP_FROM is not set");
        assertThatThrownBy(() -> read(Map.of(DemoSettings.DEVELOPMENT, "true", "HAZE_LINK_SENDER", "smtp")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("SMTP_HOST is not set");
    }

    @Test
    void aDataFolderThatCannotBeCreatedNamesTheVariablesThatMoveIt() throws Exception {
        Path inTheWay = Files.writeString(data.resolve("a-file"), "not a folder");

        assertThatThrownBy(() -> read(Map.of(DemoSettings.DEVELOPMENT, "true",
                DemoSettings.DATA, inTheWay.resolve("demo-data").toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cannot create the data folder " + inTheWay.resolve("demo-data"))
                .hasMessageContaining("Set HAZE_DEMO_DATA to a writable folder, or HAZE_JDBC_URL to a database");
    }

    @Test
    void productionModeNamesWhatIsMissing() {
        assertThatThrownBy(() -> read(Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("SMTP_HOST is not set");
        assertThatThrownBy(() -> read(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_FROM", "login@a.example")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HAZE_BASE_URL is not set");
        assertThatThrownBy(() -> read(Map.of("SMTP_HOST", "smtp.example.com", "SMTP_FROM", "login@a.example",
                "HAZE_BASE_URL", "https://a.example")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("HAZE_SECRET_KEY is not set")
                .hasMessageContaining(DemoSettings.DEVELOPMENT + "=true");
        assertThat(data.resolve(DevSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void noDevelopmentSecretIsAddedForKeyPairAlgorithms() {
        DemoSettings settings = read(Map.of(DemoSettings.DEVELOPMENT, "true", "HAZE_JWT_ALGORITHM", "ES256",
                "HAZE_PRIVATE_KEY", "/keys/private.pem", "HAZE_PUBLIC_KEY", "/keys/public.pem"));

        assertThat(settings.filterParams()).doesNotContainKey("secret-key")
                .containsEntry("private-key", "/keys/private.pem");
        assertThat(data.resolve(DevSecret.FILE_NAME)).doesNotExist();
    }

    @Test
    void theOutboxIsRefusedOutsideDevelopmentMode() {
        assertThatThrownBy(() -> read(Map.of("HAZE_LINK_SENDER", DevOutbox.class.getName(),
                "HAZE_BASE_URL", "https://a.example", "HAZE_SECRET_KEY", "x".repeat(40))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("only allowed with");
    }

    @Test
    void developmentFlagMustBeABoolean() {
        assertThatThrownBy(() -> read(Map.of(DemoSettings.DEVELOPMENT, "yes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(DemoSettings.DEVELOPMENT + " must be true or false");
    }

    @Test
    void variableNamesFollowTheOptionNames() {
        assertThat(DemoSettings.variableFor("base-url")).isEqualTo("HAZE_BASE_URL");
        assertThat(DemoSettings.variableFor("jdbc-url")).isEqualTo("HAZE_JDBC_URL");
        assertThat(DemoSettings.variableFor("smtp-connect-timeout")).isEqualTo("SMTP_CONNECT_TIMEOUT");
    }
}
