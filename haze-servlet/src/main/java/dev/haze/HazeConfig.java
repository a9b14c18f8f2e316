package dev.haze;

import dev.haze.token.JwtAlgorithm;
import dev.haze.token.Serialization;
import java.net.URI;
import java.time.Duration;

/**
 * The settled configuration of a {@link Haze} instance, validated when it was built. Immutable.
 *
 * @param baseUrl scheme, host, port and context path links start with; never taken from a request
 * @param magicLinkPath the path links point at, below {@code baseUrl}
 * @param linkExpiry how long a link works by default
 * @param allowReuse whether a link works more than once (until it expires)
 * @param jwtAlgorithm the pinned signature algorithm
 * @param serialization how metadata is stored
 * @param issuer the JWT {@code iss} written and required
 * @param audience the JWT {@code aud} written and required, or null
 * @param clockLeeway clock skew tolerated between servers
 */
public record HazeConfig(URI baseUrl, String magicLinkPath, Duration linkExpiry, boolean allowReuse,
                         JwtAlgorithm jwtAlgorithm, Serialization serialization, String issuer, String audience,
                         Duration clockLeeway) {

    /** Default link lifetime: 10 minutes (OWASP ASVS 6.5.5 asks for short-lived out-of-band secrets). */
    public static final Duration DEFAULT_LINK_EXPIRY = Duration.ofMinutes(10);
    /** The longest link lifetime accepted. */
    public static final Duration MAX_LINK_EXPIRY = Duration.ofDays(7);
    /** Default clock leeway between servers. */
    public static final Duration DEFAULT_CLOCK_LEEWAY = Duration.ofSeconds(10);
    /** The largest clock leeway accepted. */
    public static final Duration MAX_CLOCK_LEEWAY = Duration.ofMinutes(5);
    /** Default path of the verification endpoint. */
    public static final String DEFAULT_MAGIC_LINK_PATH = "/auth/verify";

    /**
     * The one rule for a link's lifetime, configured or per link: JWT times are whole seconds, so at least
     * one second, and at most {@link #MAX_LINK_EXPIRY}. A fraction of a second beyond that is dropped.
     */
    static boolean isValidLinkExpiry(Duration expiry) {
        return expiry != null && expiry.compareTo(Duration.ofSeconds(1)) >= 0
                && expiry.compareTo(MAX_LINK_EXPIRY) <= 0;
    }

    /** @return the full URL links point at, without query */
    public String linkEndpoint() {
        return baseUrl + magicLinkPath;
    }
}
