package dev.haze.servlet.testapp;

import dev.haze.Haze;
import dev.haze.RateLimiter;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.MagicLinkFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * An application's listener that registers the filter through the standard API, as in the README:
 * {@code servletContext.addFilter("haze", filter).addMappingForUrlPatterns(null, false, "/*")}. It sets
 * what the other test webapp leaves at its default: the session attribute ({@value #SESSION_ATTRIBUTE}), the
 * default user resolver, and trusted proxies given as the IPv6 loopback and an IPv4 range. The clock stands
 * still, so no rate-limit window ends during a test.
 */
public final class CodeRegistration implements ServletContextListener {
    /** The session attribute this application keeps its signed-in user under. */
    public static final String SESSION_ATTRIBUTE = "app.user";
    /** Requests for one address from one client per window. */
    public static final int PER_ADDRESS_AND_CLIENT = 3;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Haze haze = Haze.builder().baseUrl("https://haze.test/site")
                .secretKey("code-registration-secret-0123456789-abcdefgh")
                .clock(Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC))
                .build();
        FilterSettings settings = FilterSettings.builder()
                .protectedPaths(List.of("/account/*"))
                .successRedirect("/account/home")
                .sessionAttribute(SESSION_ATTRIBUTE)
                .crossDevice(false)
                .trustedProxies(List.of("::1", "127.0.0.0/8"))
                .rateLimits(new RateLimiter.Limits(PER_ADDRESS_AND_CLIENT, 1000, 10, Duration.ofMinutes(15)))
                .build();
        MagicLinkFilter filter = new MagicLinkFilter(haze, settings).setLinkSender(new OutboxLinkSender());
        event.getServletContext().addFilter("haze", filter).addMappingForUrlPatterns(null, false, "/*");
    }
}
