package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NextPathsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/account", "/account/orders?id=7&x=%2F", "/%2F%2Fevil.example", "/a#frag",
        "/a;b=c", "/~user/page"})
    void acceptsSameSitePaths(String next) {
        assertThat(NextPaths.isSafe(next)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)",
        "%2F%2Fevil.example", "/ok\r\nLocation: x", "/ok\nx", "/\t/evil.example", " /ok", "/a b", "\\\\evil",
        "/a\\b", "/caf\u00e9", "evil.example", "?x=1", "#frag"})
    void refusesAnythingThatCouldLeaveTheSite(String next) {
        assertThat(NextPaths.isSafe(next)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\"><script>alert(1)</script>", "/a?x=<b>", "/a?x=>", "/a?q=\"", "/a`b"})
    void refusesMarkupCharactersThatBrowsersWouldHaveEncoded(String next) {
        assertThat(NextPaths.isSafe(next)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/search?q=o'brien", "/a?x=1&y=2", "/a?b=%3Cb%3E"})
    void keepsApostrophesAmpersandsAndEscapedMarkup(String next) {
        assertThat(NextPaths.isSafe(next)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {NextPaths.MAX_LENGTH + 1, 100_000})
    void refusesOverLongPaths(int length) {
        assertThat(NextPaths.isSafe("/" + "a".repeat(length - 1))).isFalse();
    }
}
