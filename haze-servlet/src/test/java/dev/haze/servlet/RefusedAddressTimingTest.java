package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.Haze;
import dev.haze.servlet.testapp.KnownUsersResolver;
import dev.haze.servlet.testapp.WhoAmIServlet;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With a {@link UserResolver} refusing an address, no email is sent, yet the answer must not come back
 * visibly faster than for an address that gets one (response times would tell which addresses have an
 * account), not even right after start-up, before the filter has timed a real delivery. The sender here
 * takes a deliberate 300 ms; only lower bounds are asserted, which a slow machine cannot break. (How long
 * exactly the filter waits is tested with a hand-moved clock in {@code DeliveryTimingTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedAddressTimingTest {
    private static final long SEND_MILLIS = 300;

    private WebServer server;

    private WebServer serve(boolean crossDevice) throws Exception {
        return serve(crossDevice, Duration.ofSeconds(1));
    }

    private WebServer serve(boolean crossDevice, Duration deliveryTimeEstimate) throws Exception {
        Haze haze = Haze.builder().baseUrl("https://haze.test").secretKey("timing-test-secret-0123456789-abcdefghij")
                .build();
        FilterSettings settings = FilterSettings.builder().protectedPaths(List.of("/account/*"))
                .crossDevice(crossDevice).deliveryTimeEstimate(deliveryTimeEstimate).build();
        MagicLinkFilter filter = new MagicLinkFilter(haze, settings).setUserResolver(new KnownUsersResolver())
                .setLinkSender(message -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(SEND_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(WhoAmIServlet.class, "/");
        return JettyWebServer.serve(context);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "cross-device={0}")
    @ValueSource(booleans = {false, true})
    void aRefusedAddressIsAnsweredNoFasterThanAKnownOne(boolean crossDevice) throws Exception {
        server = serve(crossDevice);
        try {
            for (int i = 0; i < 3; i++) {
                request("user" + i + "@known.example"); // teaches the filter how long a delivery takes
            }
            long refusedMillis = request("nobody@unknown.example");
            assertThat(refusedMillis).as("refused address answered after %d ms", refusedMillis)
                    .isGreaterThanOrEqualTo(SEND_MILLIS * 8 / 10);
        } finally {
            server.close();
            server = null;
        }
    }

    @ParameterizedTest(name = "cross-device={0}")
    @ValueSource(booleans = {false, true})
    void rightAfterStartARefusedAddressWaitsTheConfiguredEstimate(boolean crossDevice) throws Exception {
        server = serve(crossDevice, Duration.ofMillis(SEND_MILLIS));
        try {
            long refusedMillis = request("nobody@unknown.example");
            assertThat(refusedMillis).as("refused address answered after %d ms", refusedMillis)
                    .isGreaterThanOrEqualTo(SEND_MILLIS * 8 / 10);
        } finally {
            server.close();
            server = null;
        }
    }

    /** @return how long the answer took, in milliseconds, after checking it is the usual one */
    private long request(String email) {
        Browser browser = new Browser(server.origin());
        long start = System.nanoTime();
        HttpResponse<String> response = browser.post("/auth/magic-link", Map.of("email", email),
                "Accept", "application/json");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(202);
        // with cross-device sign-in, the matching number too (random for a refused address)
        assertThat(response.body()).matches("\\{\"status\":\"sent\"(,\"match\":\"\\d\\d\")?}");
        return millis;
    }
}
