package dev.haze.servlet;

import static dev.haze.servlet.MagicLinkFilterFlowContract.hiddenFields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.delivery.LinkMessage;
import dev.haze.servlet.testapp.CodeRegistration;
import dev.haze.servlet.testapp.OutboxLinkSender;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code webapp-code} application: a listener declared in its web.xml builds the filter and registers it
 * with {@code ServletContext.addFilter(...).addMappingForUrlPatterns(...)}, exactly as the README shows,
 * with {@code session-attribute=app.user} and the default user resolver. The container listens on the IPv6
 * loopback {@code ::1}, which the application trusts as its reverse proxy: every request arrives from that
 * proxy and names its client in {@code X-Forwarded-For}. One subclass per container (Jetty reports the peer
 * as {@code [0:0:0:0:0:0:0:1]}, Tomcat as {@code 0:0:0:0:0:0:0:1}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CodeRegisteredFilterContract {
    private static final String SITE = WebServer.CONTEXT;
    private static final String REQUEST = SITE + "/auth/magic-link";
    private static final String VERIFY = SITE + "/auth/verify";

    private WebServer server;

    /**
     * @param folder the webapp folder to deploy at {@link WebServer#CONTEXT}
     * @param host the address to listen on
     * @return the container under test
     */
    abstract WebServer deploy(String folder, String host) throws Exception;

    @BeforeAll
    void start() throws Exception {
        server = deploy(WebServer.CODE_WEBAPP, "::1");
        assertThat(server.origin().getHost()).isEqualTo("[::1]");
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    // ---- registration in code, the session attribute, the user id -----------------------------------

    @Test
    void aFilterAddedInCodeSignsInUnderTheConfiguredSessionAttribute() {
        String typed = "Ada-" + UUID.randomUUID() + "@Example.ORG";
        String userId = typed.toLowerCase();
        Browser user = browser();
        assertThat(user.get(SITE + "/session/page").body()).contains("attribute=null", "unwrapped-current=null");

        HttpResponse<String> signedIn = confirm(user, requestLink(user, typed, "198.51.100.1"));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue(SITE + "/account/home");
        String session = user.get(SITE + "/session/page").body();
        assertThat(session).as("the application reads the attribute it configured").contains(
                "attribute=" + userId, "default-attribute=null");
        assertThat(session).as("HazeUser.current on a request the filter did not wrap finds it through the"
                + " servlet context").contains("unwrapped-principal=null", "unwrapped-current=" + userId);
        assertThat(user.get(SITE + "/account/whoami").body()).contains("remoteUser=" + userId,
                "current=" + userId);
    }

    @Test
    void theDefaultUserIdIsTheAddressInLowerCaseWhileTheLinkGoesToTheAddressAsTyped() {
        String local = "Grace.Hopper-" + UUID.randomUUID();
        Browser mixed = browser();
        Browser lower = browser();

        confirm(mixed, requestLink(mixed, local + "@example.org", "198.51.100.2"));
        confirm(lower, requestLink(lower, local.toLowerCase() + "@example.org", "198.51.100.2"));

        assertThat(OutboxLinkSender.messagesTo(local + "@example.org")).hasSize(1);
        assertThat(OutboxLinkSender.messagesTo(local.toLowerCase() + "@example.org")).hasSize(1);
        String userId = "remoteUser=" + local.toLowerCase() + "@example.org";
        assertThat(mixed.get(SITE + "/account/whoami").body()).contains(userId);
        assertThat(lower.get(SITE + "/account/whoami").body()).as("one user, however it was typed")
                .contains(userId);
    }

    // ---- clients behind the trusted IPv6 proxy ------------------------------------------------------

    @Test
    void anAttackerBehindTheIpv6ProxyDoesNotLockOutTheRealUser() {
        String victim = address("victim");
        assertThat(hammer(victim, List.of("203.0.113.9"))).containsExactly(200, 200, 200, 429, 429);
        assertThat(request(victim, "198.51.100.7").statusCode()).as("the real user, another client")
                .isEqualTo(200);
    }

    @Test
    void forwardedAddressesWithAPortAreTheirAddress() {
        String victim = address("ported");
        assertThat(hammer(victim, List.of("203.0.113.10:5555", "203.0.113.10:6666", "203.0.113.10")))
                .containsExactly(200, 200, 200, 429, 429);
        assertThat(request(victim, "[2001:db8::7]:443").statusCode()).isEqualTo(200);
        assertThat(request(victim, "2001:db8::7").statusCode()).as("the same client without its port")
                .isEqualTo(200);
    }

    @Test
    void ipv6ClientsCountByTheirSlash64() {
        String victim = address("sixty-four");
        assertThat(hammer(victim, List.of("2001:db8:1:2::a", "2001:db8:1:2::b", "2001:db8:1:2:ffff::1")))
                .as("fresh addresses from one /64 are one client").containsExactly(200, 200, 200, 429, 429);
        assertThat(request(victim, "2001:db8:1:3::a").statusCode()).as("the next /64").isEqualTo(200);
    }

    @Test
    void trustedProxiesInTheChainAreSkippedAndWhatTheClientWroteIsIgnored() {
        String victim = address("chained");
        List<String> chains = List.of("203.0.113.20, 127.0.0.5", "1.1.1.1, 203.0.113.20", "203.0.113.20, ::1",
                "2.2.2.2, 203.0.113.20, 127.0.0.9, ::1");
        assertThat(hammer(victim, chains)).containsExactly(200, 200, 200, 429, 429);
        assertThat(request(victim, "203.0.113.21, 127.0.0.5").statusCode()).isEqualTo(200);
    }

    @Test
    void addressesDifferingOnlyInCaseOrTagAreOneMailbox() {
        String local = "victim-" + UUID.randomUUID();
        List<Integer> statuses = new ArrayList<>();
        for (String variant : List.of(local, local.toUpperCase(), "V" + local.substring(1), local + "+1",
                local + "+2")) {
            statuses.add(request(variant + "@example.org", "203.0.113.30").statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
        long delivered = OutboxLinkSender.messagesTo(local + "@example.org").size()
                + OutboxLinkSender.messagesTo(local.toUpperCase() + "@example.org").size()
                + OutboxLinkSender.messagesTo("V" + local.substring(1) + "@example.org").size()
                + OutboxLinkSender.messagesTo(local + "+1@example.org").size()
                + OutboxLinkSender.messagesTo(local + "+2@example.org").size();
        assertThat(delivered).isEqualTo(CodeRegistration.PER_ADDRESS_AND_CLIENT);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private Browser browser() {
        return new Browser(server.origin());
    }

    /** @return the statuses of five link requests for {@code email}, cycling through the forwarded values */
    private List<Integer> hammer(String email, List<String> forwarded) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(request(email, forwarded.get(i % forwarded.size())).statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> request(String email, String forwardedFor) {
        return browser().post(REQUEST, Map.of("email", email), "X-Forwarded-For", forwardedFor);
    }

    /** Requests a link as the proxy's client {@code forwardedFor} and reads it from the outbox. */
    private String requestLink(Browser browser, String email, String forwardedFor) {
        assertThat(browser.post(REQUEST, Map.of("email", email), "X-Forwarded-For", forwardedFor).statusCode())
                .isEqualTo(200);
        LinkMessage message = OutboxLinkSender.latestTo(email.substring(0, email.indexOf('@'))
                + email.substring(email.indexOf('@')).toLowerCase()).orElseThrow();
        URI link = message.link();
        return link.getRawPath() + "?" + link.getRawQuery();
    }

    private static HttpResponse<String> confirm(Browser browser, String link) {
        HttpResponse<String> page = browser.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        return browser.post(VERIFY, hiddenFields(page.body()));
    }

    private static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }
}
