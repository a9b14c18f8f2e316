package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start honest: the code between the quickstart markers below must equal the
 * README's snippet line for line, and it runs here. (Surefire sets HAZE_SECRET_KEY for this module.)
 */
class ReadmeQuickStartTest {
    private final AtomicReference<URI> outbox = new AtomicReference<>();

    /** Stands in for the application's mail code and request object, which the snippet calls. */
    private void sendEmail(String to, URI link) {
        outbox.set(link);
    }

    private final class Request {
        String getParameter(String name) {
            for (String pair : outbox.get().getRawQuery().split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    @Test
    void theQuickStartRunsAndSignsTheUserInOnce() {
        Request request = new Request();
        // quickstart:start
        Haze haze = Haze.builder()
                .baseUrl("https://myapp.com")
                .magicLinkPath("/auth/verify")
                .secretKey(System.getenv("HAZE_SECRET_KEY"))   // >= 32 bytes; never generated for you
                .linkExpiry(Duration.ofMinutes(10))
                .build();

        MagicLink link = haze.generate("user123", Map.of("name", "John Doe"));
        sendEmail("john@example.com", link.url());             // your delivery code

        // When the link is opened (GET /auth/verify?token_id=…&signature=…), check it without consuming it and
        // show a confirm page whose button POSTs both values back: mail scanners that prefetch links only GET.
        VerifiedToken opened = haze.open(request.getParameter("token_id"), request.getParameter("signature"));

        // When the button is pressed (POST /auth/verify): consume the link; only one attempt ever succeeds.
        VerifiedToken token = haze.verify(request.getParameter("token_id"), request.getParameter("signature"));
        String userId = token.userId();                         // "user123": sign them in
        // quickstart:end

        assertThat(opened.userId()).isEqualTo("user123");
        assertThat(opened.useCount()).as("opening did not consume the link").isZero();
        assertThat(userId).isEqualTo("user123");
        assertThat(token.metadata()).containsEntry("name", "John Doe");
        assertThatThrownBy(() -> haze.verify(request.getParameter("token_id"), request.getParameter("signature")))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void theReadmeShowsExactlyTheCodeThatRuns() throws IOException {
        Path test = Path.of("src/test/java/dev/haze/ReadmeQuickStartTest.java");
        Path readme = Path.of("../README.md");
        assertThat(between(Files.readString(readme), "<!-- quickstart:start -->", "<!-- quickstart:end -->"))
                .isEqualTo(between(Files.readString(test), "// quickstart:" + "start", "// quickstart:" + "end"));
    }

    /** The non-blank lines between two markers, stripped of indentation and Markdown fences. */
    private static List<String> between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from + 1);
        assertThat(from).as("marker %s", start).isNotNegative();
        assertThat(to).as("marker %s", end).isGreaterThan(from);
        return Arrays.stream(text.substring(from + start.length(), to).split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("```"))
                .collect(Collectors.toList());
    }
}
