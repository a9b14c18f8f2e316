package dev.haze.servlet;

import dev.haze.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.DeliveryException;
import dev.haze.Haze;
import dev.haze.HazeListener;
import dev.haze.RateLimiter;
import dev.haze.RecordingStore;
import dev.haze.VerifiedToken;
import dev.haze.delivery.LinkMessage;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.servlet.testapp.WhoAmIServlet;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter registered in code ({@code new MagicLinkFilter(haze, settings)}, as for
 * {@code ServletContext.addFilter}) on real Jetty, with what web.xml cannot give: a movable clock, a
 * failing sender, and - only here - a trusted proxy, so requests can come from several client IPs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MagicLinkFilterProgrammaticTest {
    private static final String SECRET = "test-only-secret-0123456789-abcdefghijklmnop";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<LinkMessage> outbox = new CopyOnWriteArrayList<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final RecordingStore rootStore = new RecordingStore(new InMemoryTokenStore());
    private WebServer server;

    @BeforeAll
    void start() throws Exception {
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(context("/", FilterSettings.Confirm.BUTTON));
        contexts.addHandler(context("/onestep", FilterSettings.Confirm.NONE));
        contexts.addHandler(context("/classic", FilterSettings.Confirm.NONE));
        server = JettyWebServer.serve(contexts);
    }

    /**
     * {@code /classic} is the original haze's one-step flow ({@code confirm=none}, no cross-device), with
     * every path protected and a login page of the application's own.
     */
    private ServletContextHandler context(String path, FilterSettings.Confirm confirm) {
        Haze haze = Haze.builder().baseUrl("https://haze.test" + (path.equals("/") ? "" : path)).secretKey(SECRET)
                .store(path.equals("/") ? rootStore : new InMemoryTokenStore())
                .clock(clock).listener(new HazeListener() {
                    @Override
                    public void linkOpened(VerifiedToken token) {
                        opened.add(token.userId());
                    }
                }).build();
        boolean classic = path.equals("/classic");
        FilterSettings.Builder builder = FilterSettings.builder();
        if (classic) {
            builder.loginPage("/login");
        }
        FilterSettings settings = builder
                .protectedPaths(List.of(classic ? "/*" : "/account/*"))
                .confirm(confirm)
                .crossDevice(!classic)
                .trustedProxies(List.of("127.0.0.0/8"))
                .rateLimits(new RateLimiter.Limits(3, 100, 10, Duration.ofMinutes(15)))
                .build();
        MagicLinkFilter filter = new MagicLinkFilter(haze, settings).setLinkSender(message -> {
            outbox.add(message);
            if (message.recipient().startsWith("bounce")) {
                throw new DeliveryException("the mail server refused the recipient");
            }
        });
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath(path);
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(WhoAmIServlet.class, "/");
        return context;
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void anAttackerHammeringOneAddressFromOneIpDoesNotStopTheRealUserOnAnotherIp() {
        String victim = address("victim");
        Browser attacker = browser();
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> r = request(attacker, "", victim, "203.0.113.9");
            accepted += r.statusCode() == 200 ? 1 : 0;
            limited += r.statusCode() == 429 ? 1 : 0;
        }
        HttpResponse<String> realUser = request(browser(), "", victim, "198.51.100.7");

        assertThat(accepted).isEqualTo(3);
        assertThat(limited).isEqualTo(37);
        assertThat(realUser.statusCode()).isEqualTo(200);
        assertThat(outbox.stream().filter(m -> m.recipient().equals(victim))).hasSize(4);
    }

    @Test
    void manyAttackerIpsTogetherCapTheMessagesOneMailboxReceives() {
        String victim = address("flooded");
        for (int ip = 1; ip <= 5; ip++) {
            for (int i = 0; i < 3; i++) {
                request(browser(), "", victim, "203.0.113." + ip);
            }
        }
        assertThat(outbox.stream().filter(m -> m.recipient().equals(victim))).hasSize(10);
    }

    @Test
    void unrelatedAndAnonymousRequestsNeverTouchTheStoreNorMakeASession() {
        Browser visitor = browser();
        rootStore.calls.clear();

        HttpResponse<String> page = visitor.get("/public/page");
        HttpResponse<String> guarded = visitor.get("/account/x");
        HttpResponse<String> form = visitor.get("/auth/magic-link");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(guarded.statusCode()).isEqualTo(303);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(rootStore.calls).isEmpty();
        assertThat(visitor.sessionId()).isNull();
        request(visitor, "", address("counted"), "192.0.2.5");
        assertThat(rootStore.calls).contains("incrementCounter", "save");
    }

    @Test
    void openingALinkFiresTheOpenedEventButHeadDoesNot() {
        String email = address("events");
        Browser user = browser();
        String link = requestLink(user, "", email, "192.0.2.4");

        user.head(link);
        assertThat(opened).doesNotContain(email);
        user.get(link);
        assertThat(opened).containsOnlyOnce(email);
    }

    @Test
    void anExpiredLinkShowsTheExpiredPage() {
        String email = address("late");
        Browser user = browser();
        String link = requestLink(user, "", email, "192.0.2.1");
        clock.advance(Duration.ofMinutes(11));
        try {
            HttpResponse<String> opened = user.get(link);
            assertThat(opened.statusCode()).isEqualTo(410);
            assertThat(opened.body()).contains("data-haze-page=\"expired\"");
        } finally {
            clock.advance(Duration.ofHours(1));
        }
    }

    @Test
    void aFailedDeliveryAnswers503AndRevokesTheLink() {
        String email = address("bounce");
        HttpResponse<String> response = request(browser(), "", email, "192.0.2.2");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("data-haze-page=\"unavailable\"");
        MagicLinkFilterFlowContract.assertFilterHeaders(response);
        HttpResponse<String> opened = browser().get(linkTo(email));
        assertThat(opened.statusCode()).as("revoked").isEqualTo(400);
    }

    @Test
    void confirmNoneSignsInOnGetButHeadStillConsumesNothing() {
        String email = address("onestep");
        Browser user = browser();
        String link = requestLink(user, "/onestep", email, "192.0.2.3");

        assertThat(user.head(link).statusCode()).isEqualTo(200);
        HttpResponse<String> opened = user.get(link);

        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location")).hasValue("/onestep/");
        assertThat(user.get("/onestep/account/x").body()).contains("remoteUser=" + email);
        Browser other = browser();
        assertThat(other.get(link).statusCode()).isEqualTo(410);
        assertThat(other.get("/onestep/auth/verify?token_id=x&signature=y").statusCode()).isEqualTo(400);
        assertThat(other.sessionId()).as("no session for a refused link").isNull();
    }

    @Test
    void confirmNoneStillAsksAnotherBrowserForTheMatchingNumber() {
        String email = address("onestep-phone");
        Browser desktop = browser();
        String link = requestLink(desktop, "/onestep", email, "192.0.2.6");

        HttpResponse<String> phone = browser().get(link);

        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(phone.body()).contains("data-haze-page=\"approve\"");
        assertThat(desktop.get("/onestep/account/x").statusCode()).as("nobody signed in yet").isEqualTo(303);
    }

    @Test
    void theOneStepFlowSignsInOnGetAndReportsTheOpenedLink() {
        String email = address("classic");
        Browser user = browser();
        assertThat(user.get("/classic/login").body()).as("the login page is never guarded").contains("path=/login");
        assertThat(user.get("/classic/reports").headers().firstValue("Location")).hasValue("/classic/login?next=%2Freports");
        String link = requestLink(user, "/classic", email, "192.0.2.7");

        assertThat(user.head(link).statusCode()).isEqualTo(200);
        assertThat(opened).as("HEAD is not an opening").doesNotContain(email);
        HttpResponse<String> signedIn = user.get(link);

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/classic/");
        assertThat(opened).containsOnlyOnce(email);
        assertThat(user.get("/classic/account/x").body()).contains("remoteUser=" + email);
        HttpResponse<String> again = browser().get(link);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("data-haze-page=\"used\"");
    }

    @Test
    void theOneStepFlowStillRefusesASignInPostSentFromAnotherSite() {
        String email = address("forged");
        String link = requestLink(browser(), "/classic", email, "192.0.2.8");
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            form.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        Browser victim = browser();

        for (String[] forged : List.of(new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"}, new String[] {"Origin", "https://evil.example"})) {
            HttpResponse<String> refused = victim.post("/classic/auth/verify", form, forged);
            assertThat(refused.statusCode()).as(forged[1]).isEqualTo(403);
            assertThat(refused.body()).contains("data-haze-page=\"other-site\"");
        }
        assertThat(victim.get("/classic/account/x").statusCode()).as("nobody signed in").isEqualTo(303);
        assertThat(opened).as("nothing was opened").doesNotContain(email);
        HttpResponse<String> fromTheEmail = browser().get(link, "Sec-Fetch-Site", "cross-site");
        assertThat(fromTheEmail.statusCode()).as("opening the link from a webmail still signs in")
                .isEqualTo(303);
    }

    /** Requests a link as a client at {@code ip} behind the trusted proxy (127.0.0.1, in 127.0.0.0/8). */
    private static HttpResponse<String> request(Browser browser, String context, String email, String ip) {
        return browser.post(context + "/auth/magic-link", Map.of("email", email), "X-Forwarded-For", ip);
    }

    /** Requests a link as a client at {@code ip} and reads it from the outbox. */
    private String requestLink(Browser browser, String context, String email, String ip) {
        request(browser, context, email, ip);
        return linkTo(email);
    }

    private Browser browser() {
        return new Browser(server.origin());
    }

    private static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }

    private String linkTo(String email) {
        URI link = outbox.stream().filter(m -> m.recipient().equals(email)).reduce((a, b) -> b).orElseThrow().link();
        return link.getRawPath() + "?" + link.getRawQuery();
    }
}
