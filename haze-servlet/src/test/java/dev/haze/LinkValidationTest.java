package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.InvalidTokenException.Reason;
import dev.haze.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Haze#validate(String)}: whole URLs, decoded properly, only for this instance's endpoint. */
class LinkValidationTest {
    private final Haze haze = Haze.builder().baseUrl("https://myapp.com:8443/app").secretKey(TestKeys.SECRET).build();

    @Test
    void aLinkWithPercentEncodedParametersInAnyOrderValidates() {
        MagicLink link = haze.generate("u", null);
        String query = link.url().getRawQuery();
        String tokenPart = query.substring(0, query.indexOf('&'));
        String signaturePart = query.substring(query.indexOf('&') + 1);
        String reordered = "https://MYAPP.com:8443/app/auth/verify?utm=x&" + signaturePart + "&"
                + tokenPart.replace("-", "%2D");

        assertThat(haze.validate(reordered).userId()).isEqualTo("u");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example:8443/app/auth/verify",
        "http://myapp.com:8443/app/auth/verify",
        "https://myapp.com/app/auth/verify",
        "https://myapp.com:8443/auth/verify",
        "https://myapp.com:8443/app/auth/verify/extra",
        "https://user@myapp.com:8443/app/auth/verify",
    })
    void aLinkForAnotherEndpointIsMalformed(String endpoint) {
        MagicLink link = haze.generate("u", null);
        String forged = endpoint + "?" + link.url().getRawQuery();

        assertThatThrownBy(() -> haze.validate(forged)).isInstanceOfSatisfying(InvalidTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        assertThat(haze.validate(link.url().toString()).userId()).as("not consumed by the forgeries").isEqualTo("u");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "https://myapp.com:8443/app/auth/verify",
        "https://myapp.com:8443/app/auth/verify?token_id=a", "https://myapp.com:8443/app/auth/verify?token_id=a&token_id=b&signature=c",
        "https://myapp.com:8443/app/auth/verify?token_id=%zz&signature=c"})
    void garbageUrlsAreMalformed(String url) {
        assertThatThrownBy(() -> haze.validate(url)).isInstanceOfSatisfying(InvalidTokenException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void nullAndHugeUrlsAreMalformed() {
        assertThatThrownBy(() -> haze.validate(null)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> haze.validate("https://myapp.com:8443/?" + "a".repeat(10_000)))
                .isInstanceOf(InvalidTokenException.class);
    }
}
