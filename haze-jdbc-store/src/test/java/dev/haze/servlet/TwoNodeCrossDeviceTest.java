package dev.haze.servlet;

import static dev.haze.servlet.CrossDeviceSteps.choices;
import static dev.haze.servlet.CrossDeviceSteps.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.jdbc.TestDatabase;
import dev.haze.servlet.CrossDeviceSteps.Waiting;
import dev.haze.servlet.testapp.WhoAmIServlet;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-device sign-in across two application nodes: two real Jetty servers, each with its own
 * {@link MagicLinkFilter} configured by init-params with {@code store=jdbc} on the same PostgreSQL
 * database, and nothing else in common (sessions are per node). The desktop talks only to node A, the
 * phone only to node B. Skipped, per test and with the reason, when PostgreSQL is not reachable (a
 * failure with {@code HAZE_REQUIRE_DATABASES=1}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeCrossDeviceTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private final CrossDeviceSteps steps = new CrossDeviceSteps("");
    private WebServer nodeA;
    private WebServer nodeB;

    @BeforeAll
    void startNodes() throws Exception {
        if (DB.prefix() == null) {
            return; // unreachable: every test is skipped with the extension's message
        }
        nodeA = node();
        nodeB = node();
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (WebServer node : new WebServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static WebServer node() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("base-url", "https://haze.test");
        params.put("secret-key", "test-only-secret-0123456789-abcdefghijklmnop");
        params.put("protected-paths", "/account/*");
        params.put("store", "jdbc");
        params.put("jdbc-url", DB.url());
        params.put("jdbc-username", DB.user() == null ? "" : DB.user());
        params.put("jdbc-password", DB.password() == null ? "" : DB.password());
        params.put("jdbc-pool-size", "2");
        params.put("table-prefix", DB.prefix());
        params.put("link-sender", "dev.haze.servlet.testapp.OutboxLinkSender");
        params.put("user-resolver", "dev.haze.servlet.testapp.KnownUsersResolver");
        params.values().removeIf(String::isEmpty);
        FilterHolder filter = new FilterHolder(MagicLinkFilter.class);
        filter.setInitParameters(params);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(WhoAmIServlet.class, "/");
        return JettyWebServer.serve(context);
    }

    @Test
    void approvingOnNodeBSignsInTheDesktopOnNodeA() {
        String email = newAddress();
        Browser desktop = new Browser(nodeA.origin());
        Browser phone = new Browser(nodeB.origin());
        Waiting waiting = steps.requestLink(desktop, email);
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"pending\"}");

        HttpResponse<String> approval = steps.openForApproval(phone, waiting);
        assertThat(approval.body()).contains("Firefox on Linux");
        assertThat(choices(approval.body())).hasSize(3).containsOnlyOnce(waiting.matchCode());
        assertThat(steps.pick(phone, approval.body(), waiting.matchCode()).statusCode()).isEqualTo(200);

        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"approved\",\"next\":\"/\"}");
        assertThat(signedInAs(desktop, "", email)).isTrue();
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"none\"}");
        assertThat(signedInAs(phone, "", email)).isFalse();
        assertThat(new Browser(nodeA.origin()).get(waiting.link()).statusCode()).as("spent on every node")
                .isEqualTo(410);
    }

    @Test
    void aWrongNumberOnNodeBDeniesTheDesktopOnNodeA() {
        String email = newAddress();
        Browser desktop = new Browser(nodeA.origin());
        Browser phone = new Browser(nodeB.origin());
        Waiting waiting = steps.requestLink(desktop, email);
        String approval = steps.openForApproval(phone, waiting).body();
        String wrong = CrossDeviceSteps.wrongChoice(approval, waiting.matchCode());

        assertThat(steps.pick(phone, approval, wrong).statusCode()).isEqualTo(403);

        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"denied\"}");
        assertThat(signedInAs(desktop, "", email)).isFalse();
        assertThat(steps.typeCode(desktop, waiting.page().body(), waiting.code()).statusCode()).isEqualTo(403);
    }

    @Test
    void theEmailedCodeWorksWhileThePhoneIsOnTheOtherNode() {
        String email = newAddress();
        Browser desktop = new Browser(nodeA.origin());
        Waiting waiting = steps.requestLink(desktop, email);

        assertThat(steps.typeCode(desktop, waiting.page().body(), waiting.code()).statusCode()).isEqualTo(303);
        assertThat(signedInAs(desktop, "", email)).isTrue();
        assertThat(new Browser(nodeB.origin()).get(waiting.link()).statusCode()).isEqualTo(410);
    }

    @Test
    void anUnknownAddressWaitsLikeAKnownOneInTheDatabase() {
        Browser desktop = new Browser(nodeA.origin());
        Waiting decoy = steps.requestLink(desktop, "nobody-" + UUID.randomUUID() + "@unknown.example");

        assertThat(decoy.message()).isNull();
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"pending\"}");
        HttpResponse<String> wrong = steps.typeCode(desktop, decoy.page().body(), "123456");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Tries left: 4");
    }

    @Test
    void fiveWrongCodesOnNodeASpendTheLinkOnNodeB() {
        String email = newAddress();
        Browser desktop = new Browser(nodeA.origin());
        Waiting waiting = steps.requestLink(desktop, email);
        String wrong = waiting.code().equals("123456") ? "654321" : "123456";

        for (int i = 0; i < 5; i++) {
            steps.typeCode(desktop, waiting.page().body(), wrong);
        }

        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"denied\"}");
        assertThat(new Browser(nodeB.origin()).get(waiting.link()).statusCode()).isEqualTo(410);
        assertThat(signedInAs(desktop, "", email)).isFalse();
    }

    @Test
    void askingAgainOnNodeAEndsTheEarlierRequestOnNodeB() {
        String email = newAddress();
        Browser desktop = new Browser(nodeA.origin());
        Waiting first = steps.requestLink(desktop, email);
        Waiting second = steps.requestLink(desktop, email);
        Browser phone = new Browser(nodeB.origin());

        assertThat(phone.get(first.link()).body()).contains("data-haze-page=\"confirm\"");
        String approval = steps.openForApproval(phone, second).body();
        assertThat(steps.pick(phone, approval, second.matchCode()).statusCode()).isEqualTo(200);
        assertThat(steps.poll(desktop).body()).isEqualTo("{\"state\":\"approved\",\"next\":\"/\"}");
    }

    private static String newAddress() {
        return "node-" + UUID.randomUUID() + "@known.example";
    }
}
