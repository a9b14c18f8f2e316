package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @Test
    void trimsAndLowerCasesTheDomainOnly() {
        assertThat(EmailAddresses.normalize("  John.Doe+tag@Example.COM\t")).hasValue("John.Doe+tag@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "first.last@sub.example.org", "o'brien@example.ie", "x_y-z@a-b.example",
        "!#$%&'*+/=?^_`{|}~-@example.org"})
    void acceptsCommonAddresses(String email) {
        assertThat(EmailAddresses.normalize(email)).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"plain", "a@b", "@example.org", "a@", "a@@example.org", "a@b@example.org",
        ".a@example.org", "a.@example.org", "a..b@example.org", "a b@example.org", "\"q\"@example.org",
        "a@[127.0.0.1]", "a@-example.org", "a@example-.org", "a@example..org", "a@.example.org",
        "a@example.org.", "j\u00f6rg@example.org", "a@ex\u00e4mple.org", "a@example.org\r\nBcc: b@example.org",
        "<a@example.org>", "a(comment)@example.org"})
    void refusesEverythingElse(String email) {
        assertThat(EmailAddresses.normalize(email)).isEmpty();
    }

    @Test
    void theMailboxOfAnAddressDropsItsSubAddressTag() {
        assertThat(EmailAddresses.mailbox("victim+1@example.org")).isEqualTo("victim@example.org");
        assertThat(EmailAddresses.mailbox("victim+a+b@example.org")).isEqualTo("victim@example.org");
        assertThat(EmailAddresses.mailbox("Victim@example.org")).as("case is the limiter's business")
                .isEqualTo("Victim@example.org");
        assertThat(EmailAddresses.mailbox("+only@example.org")).as("nothing before the tag: kept")
                .isEqualTo("+only@example.org");
        assertThat(EmailAddresses.mailbox("plain@example.org")).isEqualTo("plain@example.org");
    }

    @Test
    void boundsTheLengths() {
        String local64 = "a".repeat(64);
        assertThat(EmailAddresses.normalize(local64 + "@example.org")).isPresent();
        assertThat(EmailAddresses.normalize(local64 + "a@example.org")).isEmpty();
        assertThat(EmailAddresses.normalize("a@" + "b".repeat(64) + ".org")).isEmpty();
        String domain250 = ("a".repeat(61) + ".").repeat(4) + "ab";
        assertThat(EmailAddresses.normalize("xyz@" + domain250)).as("254 characters").isPresent();
        assertThat(EmailAddresses.normalize("wxyz@" + domain250)).as("255 characters").isEmpty();
        assertThat(EmailAddresses.normalize("a".repeat(100_000) + "@example.org")).isEmpty();
    }
}
