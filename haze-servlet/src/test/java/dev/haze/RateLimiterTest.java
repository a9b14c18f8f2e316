package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haze.store.InMemoryTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final Instant START = Instant.parse("2026-12-03T10:05:00Z");
    private static final RateLimiter.Limits LIMITS = new RateLimiter.Limits(3, 20, 10, Duration.ofMinutes(15));

    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private RateLimiter limiter(Instant now) {
        return new RateLimiter(store, Clock.fixed(now, ZoneOffset.UTC), LIMITS);
    }

    @Test
    void refusesTheFourthRequestForOneAddressFromOneClientWithTheTimeLeftInTheWindow() {
        RateLimiter limiter = limiter(START);
        for (int i = 0; i < 3; i++) {
            limiter.check("victim@example.org", "203.0.113.9");
        }
        RateLimitException e = catchThrowableOfType(RateLimitException.class,
                () -> limiter.check("victim@example.org", "203.0.113.9"));
        assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(e.getMessage()).contains("pair").doesNotContain("victim");
    }

    @Test
    void anAttackerOnOneClientCannotStopTheRealUserOnAnother() {
        RateLimiter limiter = limiter(START);
        for (int i = 0; i < 100; i++) {
            try {
                limiter.check("victim@example.org", "203.0.113.9");
            } catch (RateLimitException expected) {
                // refused from the fourth on
            }
        }
        for (int i = 0; i < 3; i++) {
            limiter.check("victim@example.org", "198.51.100.7");
        }
    }

    @Test
    void oneClientCyclingThroughAddressesIsLimitedPerClient() {
        RateLimiter limiter = limiter(START);
        for (int i = 0; i < 20; i++) {
            limiter.check("user" + i + "@example.org", "203.0.113.9");
        }
        assertThatThrownBy(() -> limiter.check("user99@example.org", "203.0.113.9"))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("client");
        limiter.check("user99@example.org", "198.51.100.7");
    }

    @Test
    void manyClientsTogetherAreCappedPerAddress() {
        RateLimiter limiter = limiter(START);
        for (int client = 0; client < 10; client++) {
            limiter.check("flooded@example.org", "203.0.113." + client);
        }
        assertThatThrownBy(() -> limiter.check("flooded@example.org", "203.0.113.200"))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("address");
    }

    @Test
    void addressesDifferingOnlyInLetterCaseShareTheirCounters() {
        RateLimiter limiter = limiter(START);
        limiter.check("Victim@example.org", "203.0.113.9");
        limiter.check("vIctim@example.org", "203.0.113.9");
        limiter.check("victim@example.org", "203.0.113.9");
        assertThatThrownBy(() -> limiter.check("VICTIM@example.org", "203.0.113.9"))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("pair");
        for (int client = 0; client < 7; client++) {
            limiter.check("victiM@example.org", "198.51.100." + client);
        }
        assertThatThrownBy(() -> limiter.check("ViCtIm@example.org", "192.0.2.1"))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("address");
    }

    @Test
    void countersResetInTheNextWindow() {
        for (int i = 0; i < 3; i++) {
            limiter(START).check("a@example.org", "203.0.113.9");
        }
        assertThatThrownBy(() -> limiter(START.plusSeconds(599)).check("a@example.org", "203.0.113.9"))
                .isInstanceOf(RateLimitException.class);
        limiter(START.plusSeconds(600)).check("a@example.org", "203.0.113.9");
    }

    @Test
    void zeroSwitchesLimitsOff() {
        RateLimiter off = new RateLimiter(store, Clock.fixed(START, ZoneOffset.UTC), RateLimiter.Limits.NONE);
        for (int i = 0; i < 1000; i++) {
            off.check("a@example.org", "203.0.113.9");
        }
    }

    @Test
    void counterKeysHoldNoAddressInClear() {
        RecordingStore recording = new RecordingStore(store);
        new RateLimiter(recording, Clock.fixed(START, ZoneOffset.UTC), LIMITS)
                .check("secret.person@example.org", "203.0.113.9");

        assertThat(recording.keys).hasSize(3).allSatisfy(key -> assertThat(key)
                .doesNotContain("secret").doesNotContain("example").doesNotContain("203.0")
                .hasSizeLessThanOrEqualTo(128).matches("rl:[a-z]+:\\d+:[0-9a-f]{64}"));
    }

    @Test
    void limitsThatLetOneClientUseUpAnAddressAreRefused() {
        assertThatThrownBy(() -> new RateLimiter.Limits(10, 20, 10, Duration.ofMinutes(15)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rate-limit-per-address-and-ip");
        assertThatThrownBy(() -> new RateLimiter.Limits(0, 20, 10, Duration.ofMinutes(15)))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> new RateLimiter.Limits(3, 20, 10, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("rate-limit-window");
        assertThatThrownBy(() -> new RateLimiter.Limits(-1, 20, 10, Duration.ofMinutes(1)))
                .isInstanceOf(ConfigurationException.class);
    }
}
