package dev.haze.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import dev.haze.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSettingsTest {

    @Test
    void hasDocumentedDefaults() {
        FilterSettings s = FilterSettings.defaults();
        assertThat(s.requestPath()).isEqualTo("/auth/magic-link");
        assertThat(s.statusPath()).isEqualTo("/auth/magic-link/status");
        assertThat(s.logoutPath()).isEqualTo("/auth/logout");
        assertThat(s.loginPage()).isEqualTo("/auth/magic-link");
        assertThat(s.successRedirect()).isEqualTo("/");
        assertThat(s.protectedPaths()).isEmpty();
        assertThat(s.confirm()).isEqualTo(FilterSettings.Confirm.BUTTON);
        assertThat(s.crossDevice()).as("cross-device sign-in is on by default").isTrue();
        assertThat(s.sessionAttribute()).isEqualTo("haze.user");
        assertThat(s.rateLimits()).isEqualTo(RateLimiter.Limits.DEFAULTS);
        assertThat(s.trustedProxies()).isEmpty();
        assertThat(s.clientIpHeader()).isEqualTo("X-Forwarded-For");
        assertThat(s.deliveryTimeEstimate()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void readsEveryInitParam() {
        FilterSettings s = FilterSettings.fromInitParams(Map.ofEntries(
                Map.entry("request-path", "/login/send"), Map.entry("status-path", "/login/status"),
                Map.entry("logout-path", "/logout"), Map.entry("login-page", "/login"),
                Map.entry("success-redirect", "/home"), Map.entry("protected-paths", " /app/*, /admin ,*.secret"),
                Map.entry("confirm", "NONE"), Map.entry("cross-device", "false"),
                Map.entry("session-attribute", "user"), Map.entry("rate-limit-per-address-and-ip", "2"),
                Map.entry("rate-limit-per-ip", "50"), Map.entry("rate-limit-per-address", "5"),
                Map.entry("rate-limit-window", "PT1H"), Map.entry("trusted-proxies", "10.0.0.1, ::1"),
                Map.entry("client-ip-header", "X-Real-IP"), Map.entry("delivery-time-estimate", "400ms")));
        assertThat(s.requestPath()).isEqualTo("/login/send");
        assertThat(s.statusPath()).isEqualTo("/login/status");
        assertThat(s.logoutPath()).isEqualTo("/logout");
        assertThat(s.loginPage()).isEqualTo("/login");
        assertThat(s.successRedirect()).isEqualTo("/home");
        assertThat(s.protectedPaths()).containsExactly("/app/*", "/admin", "*.secret");
        assertThat(s.confirm()).isEqualTo(FilterSettings.Confirm.NONE);
        assertThat(s.crossDevice()).isFalse();
        assertThat(s.sessionAttribute()).isEqualTo("user");
        assertThat(s.rateLimits()).isEqualTo(new RateLimiter.Limits(2, 50, 5, Duration.ofHours(1)));
        assertThat(s.trustedProxies()).containsExactlyInAnyOrder("10.0.0.1", "::1");
        assertThat(s.clientIpHeader()).isEqualTo("X-Real-IP");
        assertThat(s.deliveryTimeEstimate()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void trustedProxiesAreAddressesOrRangesInAnySpelling() {
        List<String> proxies = List.of("10.0.0.0/8", "fd00::/8", "[::1]", "0:0:0:0:0:0:0:1", "192.0.2.7",
                "::ffff:192.0.2.8");
        assertThat(FilterSettings.builder().trustedProxies(proxies).build().trustedProxies())
                .containsExactlyInAnyOrderElementsOf(proxies);
        for (String bad : List.of("proxy.example", "localhost", "10.0.0.0/33", "10.0.0.0/", "1.2.3", "fe80::1%eth0",
                "10.0.0.1:8080")) {
            assertThatThrownBy(() -> FilterSettings.builder().trustedProxies(List.of(bad)).build())
                    .as(bad).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("trusted-proxies: '" + bad + "' is not an IP address or CIDR range");
        }
    }

    @Test
    void theDeliveryTimeEstimateIsZeroToTenSeconds() {
        assertThat(FilterSettings.builder().deliveryTimeEstimate(Duration.ZERO).build().deliveryTimeEstimate())
                .isZero();
        assertThat(FilterSettings.fromInitParams(Map.of("delivery-time-estimate", "10s")).deliveryTimeEstimate())
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> FilterSettings.fromInitParams(Map.of("delivery-time-estimate", "11s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("delivery-time-estimate");
        assertThatThrownBy(() -> FilterSettings.fromInitParams(Map.of("delivery-time-estimate", "soon")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("delivery-time-estimate");
    }

    @Test
    void unknownNamesAreErrorsNamingThem() {
        assertThatThrownBy(() -> FilterSettings.fromInitParams(Map.of("protected-path", "/a/*")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'protected-path'");
    }

    @Test
    void pathsMustBeLocal() {
        for (String bad : List.of("//evil.example", "https://evil.example", "home", "/a b", "/a\\b")) {
            assertThatThrownBy(() -> FilterSettings.builder().successRedirect(bad).build())
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("success-redirect");
        }
    }

    @Test
    void endpointsMustDiffer() {
        assertThatThrownBy(() -> FilterSettings.builder().logoutPath("/auth/magic-link").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("must differ");
    }
}
