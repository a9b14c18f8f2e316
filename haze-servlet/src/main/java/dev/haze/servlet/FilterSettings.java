package dev.haze.servlet;

import dev.haze.ConfigurationException;
import dev.haze.HazeOptions;
import dev.haze.RateLimiter;
import dev.haze.servlet.internal.DeliveryTiming;
import dev.haze.servlet.internal.IpRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link MagicLinkFilter} behaves over HTTP: its paths, the signed-in session, rate limits and which
 * client address to trust. The core options (keys, expiry, base URL) belong to {@link dev.haze.Haze};
 * the store and the link sender are chosen by {@link MagicLinkFilter#init} from their own init-params.
 *
 * <p>Build with {@link #builder()} or read from init-params with {@link #fromInitParams(Map)}. Every value
 * is validated when built, with a message naming the init-param. Immutable and thread-safe.
 */
public final class FilterSettings {

    /** How a link opened with GET signs in. */
    public enum Confirm {
        /** GET shows a confirm page whose button POSTs the link (mail scanners cannot burn it). Default. */
        BUTTON,
        /** GET signs in at once, like the original haze. Link scanners in mail systems may burn links. */
        NONE
    }

    /** Every init-param name {@link #fromInitParams(Map)} reads. */
    public static final Set<String> NAMES = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "request-path", "status-path", "logout-path", "login-page", "success-redirect", "protected-paths",
            "confirm", "cross-device", "session-attribute", "rate-limit-per-address-and-ip", "rate-limit-per-ip",
            "rate-limit-per-address", "rate-limit-window", "trusted-proxies", "client-ip-header",
            "delivery-time-estimate")));

    private final String requestPath;
    private final String statusPath;
    private final String logoutPath;
    private final String loginPage;
    private final String successRedirect;
    private final List<String> protectedPaths;
    private final Confirm confirm;
    private final boolean crossDevice;
    private final String sessionAttribute;
    private final RateLimiter.Limits rateLimits;
    private final Set<String> trustedProxies;
    private final String clientIpHeader;
    private final Duration deliveryTimeEstimate;

    private FilterSettings(Builder b) {
        requestPath = path("request-path", b.requestPath);
        statusPath = path("status-path", b.statusPath);
        logoutPath = path("logout-path", b.logoutPath);
        loginPage = b.loginPage == null ? requestPath : path("login-page", b.loginPage);
        successRedirect = path("success-redirect", b.successRedirect);
        for (String pattern : b.protectedPaths) {
            if (!pattern.matches("/[A-Za-z0-9._~/*-]*|\\*\\.[A-Za-z0-9]+")
                    || (pattern.indexOf('*') >= 0 && !pattern.endsWith("/*") && !pattern.startsWith("*."))) {
                throw new ConfigurationException("protected-paths: '" + pattern + "' is not a servlet url-pattern"
                        + " (/exact, /prefix/* or *.extension)");
            }
        }
        protectedPaths = List.copyOf(b.protectedPaths);
        confirm = Objects.requireNonNull(b.confirm, "confirm");
        crossDevice = b.crossDevice;
        if (b.sessionAttribute == null || b.sessionAttribute.isBlank() || b.sessionAttribute.length() > 200) {
            throw new ConfigurationException("session-attribute must be a non-blank name of at most 200 characters");
        }
        sessionAttribute = b.sessionAttribute;
        rateLimits = new RateLimiter.Limits(b.perAddressAndIp, b.perIp, b.perAddress, b.rateLimitWindow);
        for (String proxy : b.trustedProxies) {
            if (proxy == null || proxy.length() > 64 || IpRange.parse(proxy) == null) {
                throw new ConfigurationException("trusted-proxies: '" + proxy + "' is not an IP address or CIDR"
                        + " range (e.g. 10.0.0.7, ::1, 10.0.0.0/8, fd00::/8; names are not looked up)");
            }
        }
        trustedProxies = Set.copyOf(b.trustedProxies);
        if (b.clientIpHeader == null || !b.clientIpHeader.matches("[A-Za-z0-9-]{1,64}")) {
            throw new ConfigurationException("client-ip-header must be an HTTP header name, was '" + b.clientIpHeader
                    + "'");
        }
        clientIpHeader = b.clientIpHeader;
        if (b.deliveryTimeEstimate == null || b.deliveryTimeEstimate.isNegative()
                || b.deliveryTimeEstimate.compareTo(DeliveryTiming.MAX_PAD) > 0) {
            throw new ConfigurationException("delivery-time-estimate must be between 0 and "
                    + DeliveryTiming.MAX_PAD.toSeconds() + "s, was " + b.deliveryTimeEstimate);
        }
        deliveryTimeEstimate = b.deliveryTimeEstimate;
        Set<String> endpoints = new LinkedHashSet<>(List.of(requestPath, statusPath, logoutPath));
        if (endpoints.size() != 3) {
            throw new ConfigurationException("request-path, status-path and logout-path must differ");
        }
    }

    /** @return a builder with every default set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the defaults */
    public static FilterSettings defaults() {
        return builder().build();
    }

    /**
     * Reads settings from init-params. Values may be {@code ${env:NAME}} or {@code ${file:PATH}}.
     *
     * @param params init-param names and values; only names in {@link #NAMES}
     * @return the settings
     * @throws ConfigurationException for an unknown name or a bad value, naming the init-param
     */
    public static FilterSettings fromInitParams(Map<String, String> params) {
        Builder b = builder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (!NAMES.contains(name)) {
                throw new ConfigurationException("unknown init-param '" + name + "'; the filter's own are " + NAMES);
            }
            String value = HazeOptions.resolve(name, e.getValue());
            value = value == null ? "" : value.strip();
            b.apply(name, value);
        }
        return b.build();
    }

    /** @return where a link is requested ({@code POST}; {@code GET} shows the built-in form) */
    public String requestPath() {
        return requestPath;
    }

    /** @return where a waiting browser polls a cross-device sign-in */
    public String statusPath() {
        return statusPath;
    }

    /** @return where {@code POST} signs out */
    public String logoutPath() {
        return logoutPath;
    }

    /** @return where unauthenticated HTML requests to protected paths are sent; default {@link #requestPath()} */
    public String loginPage() {
        return loginPage;
    }

    /** @return where sign-in continues when the link carries no {@code next} path */
    public String successRedirect() {
        return successRedirect;
    }

    /** @return servlet url-patterns that require a signed-in user */
    public List<String> protectedPaths() {
        return protectedPaths;
    }

    /** @return how a link opened with GET signs in */
    public Confirm confirm() {
        return confirm;
    }

    /**
     * @return whether cross-device sign-in is on (default): the requesting browser waits on a page that
     *     signs it in when the link is approved on another device, with number matching and an emailed code
     */
    public boolean crossDevice() {
        return crossDevice;
    }

    /** @return the session attribute holding the signed-in {@link HazeUser} */
    public String sessionAttribute() {
        return sessionAttribute;
    }

    /** @return the link-request rate limits */
    public RateLimiter.Limits rateLimits() {
        return rateLimits;
    }

    /**
     * @return IP addresses or CIDR ranges of reverse proxies whose {@link #clientIpHeader()} is believed, as
     *     configured; compared as addresses (so {@code ::1} matches {@code [0:0:0:0:0:0:0:1]})
     */
    public Set<String> trustedProxies() {
        return trustedProxies;
    }

    /** @return the header a trusted proxy puts the client address in; default {@code X-Forwarded-For} */
    public String clientIpHeader() {
        return clientIpHeader;
    }

    /**
     * @return how long delivering a link is assumed to take until the filter has timed a real delivery
     *     (after each start): answers for addresses the {@link UserResolver} refuses are held back that long
     *     meanwhile, so they are not told apart by speed; default 1 s
     */
    public Duration deliveryTimeEstimate() {
        return deliveryTimeEstimate;
    }

    private static String path(String name, String value) {
        if (value == null || !value.matches("/[A-Za-z0-9._~/-]{0,255}") || value.startsWith("//")) {
            throw new ConfigurationException(name + " must be a path starting with / holding only A-Z a-z 0-9 . _ ~"
                    + " - /, was '" + value + "'");
        }
        return value;
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private String requestPath = "/auth/magic-link";
        private String statusPath = "/auth/magic-link/status";
        private String logoutPath = "/auth/logout";
        private String loginPage;
        private String successRedirect = "/";
        private final List<String> protectedPaths = new ArrayList<>();
        private Confirm confirm = Confirm.BUTTON;
        private boolean crossDevice = true;
        private String sessionAttribute = "haze.user";
        private int perAddressAndIp = RateLimiter.Limits.DEFAULTS.perAddressAndClient();
        private int perIp = RateLimiter.Limits.DEFAULTS.perClient();
        private int perAddress = RateLimiter.Limits.DEFAULTS.perAddress();
        private Duration rateLimitWindow = RateLimiter.Limits.DEFAULTS.window();
        private final List<String> trustedProxies = new ArrayList<>();
        private String clientIpHeader = "X-Forwarded-For";
        private Duration deliveryTimeEstimate = DeliveryTiming.DEFAULT_ESTIMATE;

        private Builder() {
        }

        private void apply(String name, String value) {
            switch (name) {
                case "request-path" -> requestPath = value;
                case "status-path" -> statusPath = value;
                case "logout-path" -> logoutPath = value;
                case "login-page" -> loginPage = value;
                case "success-redirect" -> successRedirect = value;
                case "protected-paths" -> protectedPaths(split(value));
                case "confirm" -> confirm = switch (value.toLowerCase(Locale.ROOT)) {
                    case "button" -> Confirm.BUTTON;
                    case "none" -> Confirm.NONE;
                    default -> throw new ConfigurationException("confirm must be button or none, was '" + value
                            + "'");
                };
                case "cross-device" -> crossDevice = HazeOptions.bool(name, value);
                case "session-attribute" -> sessionAttribute = value;
                case "rate-limit-per-address-and-ip" -> perAddressAndIp = count(name, value);
                case "rate-limit-per-ip" -> perIp = count(name, value);
                case "rate-limit-per-address" -> perAddress = count(name, value);
                case "rate-limit-window" -> rateLimitWindow = HazeOptions.duration(name, value);
                case "trusted-proxies" -> trustedProxies(split(value));
                case "delivery-time-estimate" -> deliveryTimeEstimate = HazeOptions.duration(name, value);
                default -> clientIpHeader = value;
            }
        }

        private static int count(String name, String value) {
            return HazeOptions.integer(name, value, 0, 1_000_000);
        }

        private static List<String> split(String value) {
            List<String> parts = new ArrayList<>();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
            return parts;
        }

        /** @param path where a link is requested; default {@code /auth/magic-link}
         *  @return this builder */
        public Builder requestPath(String path) {
            this.requestPath = path;
            return this;
        }

        /** @param path cross-device status endpoint; default {@code /auth/magic-link/status}
         *  @return this builder */
        public Builder statusPath(String path) {
            this.statusPath = path;
            return this;
        }

        /** @param path sign-out endpoint; default {@code /auth/logout}
         *  @return this builder */
        public Builder logoutPath(String path) {
            this.logoutPath = path;
            return this;
        }

        /** @param path the application's sign-in page; default the built-in form at the request path
         *  @return this builder */
        public Builder loginPage(String path) {
            this.loginPage = path;
            return this;
        }

        /** @param path where sign-in continues by default; default {@code /}
         *  @return this builder */
        public Builder successRedirect(String path) {
            this.successRedirect = path;
            return this;
        }

        /** @param patterns servlet url-patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}) to protect
         *  @return this builder */
        public Builder protectedPaths(List<String> patterns) {
            protectedPaths.clear();
            protectedPaths.addAll(patterns);
            return this;
        }

        /** @param confirm how GET on a link behaves; default {@link Confirm#BUTTON}
         *  @return this builder */
        public Builder confirm(Confirm confirm) {
            this.confirm = confirm;
            return this;
        }

        /** @param on cross-device sign-in; default true ({@code false}: the requesting browser just shows
         *      "check your email", and a link signs in whichever browser opens it)
         *  @return this builder */
        public Builder crossDevice(boolean on) {
            this.crossDevice = on;
            return this;
        }

        /** @param name session attribute of the signed-in user; default {@code haze.user}
         *  @return this builder */
        public Builder sessionAttribute(String name) {
            this.sessionAttribute = name;
            return this;
        }

        /** @param limits link-request rate limits; default {@link RateLimiter.Limits#DEFAULTS}
         *  @return this builder */
        public Builder rateLimits(RateLimiter.Limits limits) {
            this.perAddressAndIp = limits.perAddressAndClient();
            this.perIp = limits.perClient();
            this.perAddress = limits.perAddress();
            this.rateLimitWindow = limits.window();
            return this;
        }

        /** @param addresses reverse proxies whose client-ip header is believed: IP addresses ({@code 10.0.0.7},
         *      {@code ::1}) or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}); default none
         *  @return this builder */
        public Builder trustedProxies(List<String> addresses) {
            trustedProxies.clear();
            trustedProxies.addAll(addresses);
            return this;
        }

        /** @param header the header trusted proxies set; default {@code X-Forwarded-For}
         *  @return this builder */
        public Builder clientIpHeader(String header) {
            this.clientIpHeader = header;
            return this;
        }

        /** @param estimate how long a delivery is assumed to take until one is timed, 0 to 10 s; default 1 s.
         *      Set it near your sender's usual time; 0 answers refused addresses at once until then.
         *  @return this builder */
        public Builder deliveryTimeEstimate(Duration estimate) {
            this.deliveryTimeEstimate = estimate;
            return this;
        }

        /**
         * @return validated settings
         * @throws ConfigurationException naming the init-param that is wrong
         */
        public FilterSettings build() {
            return new FilterSettings(this);
        }
    }
}
