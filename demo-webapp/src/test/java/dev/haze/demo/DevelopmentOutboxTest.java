package dev.haze.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.demo.server.DemoServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo in development mode, over real HTTP on embedded Jetty: the outbox and the persistent state. */
class DevelopmentOutboxTest {
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\"to\":\"([^\"]+)\",\"subject\":\"([^\"]+)\",\"link\":\"([^\"]+)\",\"sentAt\":\"([^\"]+)\"}");

    @TempDir
    Path data;

    private DemoServer start(int port) throws Exception {
        return DemoServer.start("127.0.0.1", port, Path.of(System.getProperty("haze.demo.webapp")),
                Map.of(DemoSettings.DEVELOPMENT, "true", DemoSettings.DATA, data.toString()));
    }

    private static String newestLinkTo(HttpVisitor visitor, String email) {
        Matcher m = ENTRY.matcher(visitor.get("/dev/outbox.json").body());
        while (m.find()) {
            if (m.group(1).equals(email)) {
                return m.group(3);
            }
        }
        throw new AssertionError("no message to " + email + " in the outbox");
    }

    @Test
    void outboxListsSentLinksNewestFirstAsJsonAndHtml() throws Exception {
        try (DemoServer demo = start(0)) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());
            SignInSteps.requestLink(visitor, "first@example.org");
            SignInSteps.requestLink(visitor, "second@example.org");

            HttpResponse<String> json = visitor.get("/dev/outbox.json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/json"));
            assertThat(json.headers().firstValue("Cache-Control")).contains("no-store");
            Matcher m = ENTRY.matcher(json.body());
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).isEqualTo("second@example.org");
            assertThat(m.group(2)).isEqualTo(DevOutbox.SUBJECT);
            assertThat(m.group(3)).startsWith(demo.uri() + "/auth/verify?token_id=");
            assertThat(m.group(4)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            String secondLink = m.group(3);
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).isEqualTo("first@example.org");

            HttpResponse<String> html = visitor.get("/dev/outbox");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).contains("href=\"" + secondLink.replace("&", "&amp;") + "\"");
            assertThat(html.body().indexOf("second@example.org")).isLessThan(html.body().indexOf("first@example.org"));

            SignInSteps.signInWith(visitor, secondLink, "second@example.org");
        }
    }

    @Test
    void aLinkRequestedBeforeARestartStillSignsInAfterIt() throws Exception {
        String link;
        int port;
        try (DemoServer first = start(0)) {
            port = first.uri().getPort();
            HttpVisitor visitor = new HttpVisitor(first.uri());
            SignInSteps.requestLink(visitor, "restart@example.org");
            link = newestLinkTo(visitor, "restart@example.org");
        }
        // Same data folder and address: the H2 file keeps the token, the secret file keeps the key. The
        // browser's session did not survive, so the link asks for approval; "sign in on this device" works.
        try (DemoServer second = start(port)) {
            SignInSteps.signInHereWith(new HttpVisitor(second.uri()), link, "restart@example.org");
        }
    }

    @Test
    void protectedPageSendsAStrangerToTheLoginPage() throws Exception {
        try (DemoServer demo = start(0)) {
            HttpVisitor stranger = new HttpVisitor(demo.uri());
            HttpResponse<String> dashboard = stranger.get("/dashboard");

            assertThat(dashboard.statusCode()).isEqualTo(303);
            HttpResponse<String> login = stranger.get(dashboard.headers().firstValue("Location").orElseThrow());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("id=\"email\"").doesNotContain("id=\"user\"");
        }
    }

    @Test
    void aUsedLinkGetsTheFiltersOwnPageAndTheLoginPageEchoesNoErrorParameter() throws Exception {
        try (DemoServer demo = start(0)) {
            HttpVisitor visitor = new HttpVisitor(demo.uri());
            SignInSteps.requestLink(visitor, "twice@example.org");
            String link = newestLinkTo(visitor, "twice@example.org");
            SignInSteps.signInWith(visitor, link, "twice@example.org");

            // The filter answers a spent link itself, with a way back to the login page; it never redirects
            // there with ?error=, so the login page has nothing to say about one.
            HttpResponse<String> again = new HttpVisitor(demo.uri()).get(link);
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).contains("data-haze-page=\"used\"").contains("href=\"/\"");
            HttpResponse<String> login = new HttpVisitor(demo.uri()).get("/?error=expired");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("id=\"email\"").doesNotContain("role=\"alert\"")
                    .doesNotContainIgnoringCase("expired");
        }
    }
}
