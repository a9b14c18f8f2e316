package dev.haze;

import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Limits how often links are requested, with fixed-window counters kept in the {@link TokenStore} so that
 * every node sharing the store counts together.
 *
 * <h2>Three counters, checked in this order</h2>
 * <ol>
 *   <li><b>per address and client</b> (the pair): tight. One client hammering one address is refused
 *       here first.</li>
 *   <li><b>per client</b>: moderate. One client cycling through many addresses is refused here.</li>
 *   <li><b>per address</b>: looser. Caps how many messages one mailbox can receive, whoever asks.</li>
 * </ol>
 * A request refused by one counter is not counted by the later ones. So a single client attacking one
 * address adds at most {@code perAddressAndClient} to that address's counter in a window, and because
 * {@link Limits} requires {@code perAddress > perAddressAndClient}, the real user asking from another
 * client still gets a link. An attacker spread over many clients can still exhaust an address's budget;
 * that budget is what protects the mailbox from a flood, and it resets with the window.
 *
 * <p>Windows are fixed and aligned to the epoch ({@code [k·window, (k+1)·window)}), so every node agrees on
 * them without coordination. Counter keys hold SHA-256 hashes ({@link TokenHashes}): no address or client
 * address is stored in clear.
 *
 * <p>Immutable and thread-safe.
 */
public final class RateLimiter {

    /**
     * How many requests each counter admits per window; 0 switches a counter off.
     *
     * @param perAddressAndClient requests for one address from one client
     * @param perClient requests from one client, all addresses together
     * @param perAddress requests for one address, all clients together
     * @param window the length of a counting window
     */
    public record Limits(int perAddressAndClient, int perClient, int perAddress, Duration window) {

        /** 3 per address and client, 30 per client, 10 per address, in windows of 15 minutes. */
        public static final Limits DEFAULTS = new Limits(3, 30, 10, Duration.ofMinutes(15));

        /** No limits at all (for tests and for applications that limit elsewhere). */
        public static final Limits NONE = new Limits(0, 0, 0, Duration.ofMinutes(15));

        /**
         * Validates the limits.
         *
         * @throws ConfigurationException naming the {@code rate-limit-*} option that is wrong
         */
        public Limits {
            Objects.requireNonNull(window, "window");
            if (perAddressAndClient < 0 || perClient < 0 || perAddress < 0) {
                throw new ConfigurationException("rate-limit-per-address-and-ip, rate-limit-per-ip and"
                        + " rate-limit-per-address must be 0 (off) or positive");
            }
            if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
                throw new ConfigurationException("rate-limit-window must be between 1 second and 1 day, was "
                        + window);
            }
            if (perAddress > 0 && (perAddressAndClient == 0 || perAddressAndClient >= perAddress)) {
                throw new ConfigurationException("rate-limit-per-address-and-ip must be at least 1 and less than"
                        + " rate-limit-per-address (" + perAddress + "), was " + perAddressAndClient
                        + ": otherwise one client could use up an address's whole budget and lock the real"
                        + " user out");
            }
        }
    }

    private final TokenStore store;
    private final Clock clock;
    private final Limits limits;
    private final long windowSeconds;

    /**
     * @param store where the counters live (shared by every node)
     * @param clock the time source windows are cut from
     * @param limits the limits
     */
    public RateLimiter(TokenStore store, Clock clock, Limits limits) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.windowSeconds = Math.max(1, limits.window().toSeconds());
    }

    /** @return the limits this limiter applies */
    public Limits limits() {
        return limits;
    }

    /**
     * Counts one link request and refuses it when a limit is exceeded.
     *
     * @param address the normalised address (or user id) a link is requested for; counted without regard to
     *     letter case, so {@code Victim@example.org} and {@code victim@example.org} share their counters (mail
     *     systems deliver both to one mailbox)
     * @param client the requesting client, normally its IP address (an IPv6 client by its /64 network, as
     *     the servlet filter passes it: one subscriber often holds a whole /64)
     * @throws RateLimitException when a limit is exceeded; {@link RateLimitException#retryAfter()} is the
     *     time left in the current window. Its message names the counter, never the address.
     * @throws StorageException if the store fails
     */
    public void check(String address, String client) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(client, "client");
        String mailbox = address.toLowerCase(Locale.ROOT);
        Instant now = clock.instant();
        long window = Math.floorDiv(now.getEpochSecond(), windowSeconds);
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * windowSeconds);
        count("pair", mailbox + '\n' + client, limits.perAddressAndClient(), window, windowEnd, now);
        count("client", client, limits.perClient(), window, windowEnd, now);
        count("address", mailbox, limits.perAddress(), window, windowEnd, now);
    }

    private void count(String counter, String subject, int limit, long window, Instant windowEnd, Instant now) {
        if (limit == 0) {
            return;
        }
        String key = "rl:" + counter + ':' + window + ':' + TokenHashes.of(subject);
        long count = store.incrementCounter(key, windowEnd, now);
        if (count > limit) {
            Duration retryAfter = Duration.between(now, windowEnd);
            throw new RateLimitException("rate limit per " + counter + " exceeded (" + limit + " per "
                    + limits.window() + ")", retryAfter);
        }
    }
}
