package dev.haze.servlet;

import dev.haze.ConfigurationException;
import dev.haze.CrossDeviceSignIn;
import dev.haze.Haze;
import dev.haze.HazeException;
import dev.haze.RateLimiter;
import dev.haze.StorageException;
import dev.haze.delivery.LinkSender;
import dev.haze.delivery.LoggingLinkSender;
import dev.haze.servlet.internal.BadRequestException;
import dev.haze.servlet.internal.ClientAddresses;
import dev.haze.servlet.internal.DeliveryTiming;
import dev.haze.servlet.internal.Endpoint;
import dev.haze.servlet.internal.FilterBootstrap;
import dev.haze.servlet.internal.LinkRequestEndpoint;
import dev.haze.servlet.internal.LogoutEndpoint;
import dev.haze.servlet.internal.Params;
import dev.haze.servlet.internal.Pages;
import dev.haze.servlet.internal.PathPatterns;
import dev.haze.servlet.internal.ProtectedGate;
import dev.haze.servlet.internal.RequestOrigins;
import dev.haze.servlet.internal.SessionSignIn;
import dev.haze.servlet.internal.StatusEndpoint;
import dev.haze.servlet.internal.VerifyEndpoint;
import dev.haze.store.TokenStore;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magic-link sign-in for any Servlet 6 application. Map it to {@code /*}:
 *
 * <table>
 *   <caption>What the filter answers (paths are init-params; defaults shown)</caption>
 *   <tr><td>{@code POST /auth/magic-link}</td><td>form {@code email}, optional {@code next}: sends a link;
 *       200 page, or 202 JSON for {@code Accept: application/json}; 400 bad address; 429 + Retry-After.
 *       The same answer whether or not the address is known. {@code GET} shows a built-in form. With
 *       {@code cross-device} on (the default) the page is the waiting page: a two-digit matching code,
 *       polling of the status path, and a form for the code from the email.</td></tr>
 *   <tr><td>{@code GET /auth/verify}</td><td>checks the link without consuming it and shows a confirm page
 *       whose button POSTs it ({@code confirm=none}: signs in at once). {@code HEAD} consumes nothing.
 *       Cross-device: opened in a browser other than the requesting one while the request is pending, it
 *       shows the approval page (pick the matching number, sign in here instead, or "this wasn't
 *       me").</td></tr>
 *   <tr><td>{@code POST /auth/verify}</td><td>consumes the link, rotates the session id, stores a
 *       {@link HazeUser} in the session, 303 to the recorded {@code next} path or {@code success-redirect};
 *       403 without the confirm page's anti-forgery value; 400/410 page when the link is bad, expired or
 *       used. With a {@code decision}, the approval page's choices.</td></tr>
 *   <tr><td>{@code GET /auth/magic-link/status}</td><td>cross-device: the waiting browser's state as JSON
 *       ({@code pending}, {@code approved} with {@code next} once this session is signed in, {@code denied},
 *       {@code expired}, {@code redeemed}; 404 {@code none} without a request in the session); {@code POST}
 *       with {@code code} signs in with the emailed code. 404 when {@code cross-device=false}.</td></tr>
 *   <tr><td>{@code POST /auth/logout}</td><td>invalidates the session, 303 to the login page.</td></tr>
 *   <tr><td>{@code protected-paths}</td><td>signed in: passes on with {@code getUserPrincipal()} set;
 *       otherwise 303 to {@code login-page?next=…} (HTML) or 401 with {@code WWW-Authenticate} (JSON). The
 *       login page itself is never guarded, even under a protected pattern such as {@code /*}.</td></tr>
 *   <tr><td>anything else</td><td>passes through: a map lookup, the protected-path match and
 *       {@code getSession(false)}; never a new session, no store; wrapped (principal set) when the
 *       browser's existing session is signed in.</td></tr>
 * </table>
 *
 * <p>Every {@code POST} to the filter's own paths that a browser sent from another site or origin
 * ({@code Sec-Fetch-Site} other than {@code same-origin}/{@code none}, or else an {@code Origin} that is
 * neither {@code base-url}'s nor the request's own) is refused with 403 before any endpoint sees it: the
 * defence against login CSRF.
 *
 * <p>Configure it with init-params in {@code web.xml} (see {@link FilterSettings#NAMES},
 * {@link dev.haze.HazeBuilder#OPTION_NAMES}, plus {@code store}, {@code link-sender}, {@code user-resolver}
 * and the store provider's own options), or build it in code with {@link #MagicLinkFilter(Haze,
 * FilterSettings)} for {@code ServletContext.addFilter}. A bad init-param stops {@link #init} with a
 * {@link ServletException} naming it.
 *
 * <p>Every response the filter writes carries {@code Cache-Control: no-store}, {@code Referrer-Policy:
 * no-referrer}, {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and a CSP that
 * allows no framing and no script, except on the waiting page, which runs one inline script allowed by its
 * hash. Thread-safe once initialised.
 */
public class MagicLinkFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(MagicLinkFilter.class);

    private Haze haze;
    private FilterSettings settings;
    private LinkSender sender;
    private UserResolver resolver;
    private TokenStore ownedStore;
    private Map<String, Endpoint> endpoints = Map.of();
    private PathPatterns protectedPaths;
    private ProtectedGate gate;
    private Pages pages;
    private RequestOrigins origins;

    /**
     * Every init-param name this filter accepts, for tools that map other sources (environment variables,
     * context-params) onto init-params: the filter's own, the core's ({@code Haze} options), the SMTP
     * sender's, and those of every token store provider found through the thread's context class loader.
     *
     * @return the names, kebab-case, in a stable order
     */
    public static Set<String> initParamNames() {
        return FilterBootstrap.allNames();
    }

    /** For {@code web.xml}: everything comes from init-params in {@link #init}. */
    public MagicLinkFilter() {
    }

    /**
     * For programmatic registration ({@code ServletContext.addFilter("haze", filter)}). Init-params are then
     * not read (and refused if present, so none is silently ignored). The link sender defaults to the
     * development {@link LoggingLinkSender}; set a real one with {@link #setLinkSender}.
     *
     * @param haze the core, with its store
     * @param settings the HTTP settings
     */
    public MagicLinkFilter(Haze haze, FilterSettings settings) {
        this.haze = Objects.requireNonNull(haze, "haze");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Sets how links are delivered. Call before the container initialises the filter.
     *
     * @param sender the sender
     * @return this filter
     */
    public MagicLinkFilter setLinkSender(LinkSender sender) {
        this.sender = Objects.requireNonNull(sender, "sender");
        return this;
    }

    /**
     * Sets who may receive a link. Call before the container initialises the filter.
     *
     * @param resolver the resolver
     * @return this filter
     */
    public MagicLinkFilter setUserResolver(UserResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        return this;
    }

    /**
     * Reads the init-params (for a filter declared in {@code web.xml}) and prepares the endpoints.
     *
     * @throws ServletException naming the init-param that is unknown, missing or wrong
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        try {
            if (haze == null) {
                FilterBootstrap parts = FilterBootstrap.fromInitParams(params);
                haze = parts.haze();
                settings = parts.settings();
                ownedStore = parts.store();
                sender = sender != null ? sender : parts.sender();
                resolver = resolver != null ? resolver : parts.resolver();
            } else if (!params.isEmpty()) {
                throw new ConfigurationException("init-params " + params.keySet() + " are ignored by a"
                        + " MagicLinkFilter built in code; put them in its FilterSettings or Haze builder");
            }
            prepare();
        } catch (HazeException e) {
            throw new ServletException("MagicLinkFilter '" + config.getFilterName() + "' cannot start: "
                    + e.getMessage(), e);
        }
        config.getServletContext().setAttribute(HazeUser.SESSION_ATTRIBUTE_NAME, settings.sessionAttribute());
        LOG.info("MagicLinkFilter ready: links at {}, requests at {}, protecting {}", haze.config().linkEndpoint(),
                settings.requestPath(), settings.protectedPaths());
    }

    private void prepare() {
        requireOwnPaths();
        if (sender == null) {
            sender = new LoggingLinkSender();
        }
        if (resolver == null) {
            resolver = UserResolver.EMAIL_AS_USER_ID;
        }
        pages = new Pages();
        origins = new RequestOrigins(haze.config().baseUrl());
        RateLimiter limiter = new RateLimiter(haze.store(), haze.clock(), settings.rateLimits());
        ClientAddresses clients = new ClientAddresses(settings.trustedProxies(), settings.clientIpHeader());
        CrossDeviceSignIn crossDevice = settings.crossDevice() ? new CrossDeviceSignIn(haze) : null;
        SessionSignIn signIns = new SessionSignIn(settings);
        Map<String, Endpoint> map = new HashMap<>();
        LinkRequestEndpoint linkRequests = new LinkRequestEndpoint(haze, limiter, clients, sender, resolver, pages,
                settings.requestPath(), crossDevice, settings.statusPath(),
                new DeliveryTiming(settings.deliveryTimeEstimate()));
        map.put(settings.requestPath(), linkRequests);
        map.put(haze.config().magicLinkPath(), new VerifyEndpoint(haze, settings, pages, crossDevice, signIns));
        map.put(settings.logoutPath(), new LogoutEndpoint(pages, settings.loginPage()));
        map.put(settings.statusPath(), crossDevice != null
                ? linkRequests.statusEndpoint(crossDevice, signIns, settings)
                : (request, response) -> pages.json(response, HttpServletResponse.SC_NOT_FOUND,
                        "{\"error\":\"cross_device_not_available\"}"));
        endpoints = Map.copyOf(map);
        protectedPaths = new PathPatterns(settings.protectedPaths());
        gate = new ProtectedGate(settings, pages);
    }

    /** Each endpoint needs its own path: a shared one would silently send links to logout, say. */
    private void requireOwnPaths() {
        Map<String, String> owners = new LinkedHashMap<>();
        owners.put(haze.config().magicLinkPath(), "magic-link-path");
        for (Map.Entry<String, String> endpoint : Map.of(settings.requestPath(), "request-path",
                settings.statusPath(), "status-path", settings.logoutPath(), "logout-path").entrySet()) {
            String other = owners.putIfAbsent(endpoint.getKey(), endpoint.getValue());
            if (other != null) {
                throw new ConfigurationException(other + " and " + endpoint.getValue() + " are both '"
                        + endpoint.getKey() + "'; each endpoint needs a path of its own");
            }
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String pathInfo = request.getPathInfo();
        String path = pathInfo == null ? request.getServletPath() : request.getServletPath() + pathInfo;
        Endpoint endpoint = endpoints.get(path);
        if (endpoint != null) {
            answer(endpoint, request, response);
        } else if (protectedPaths.matches(path) && !path.equals(settings.loginPage())) {
            gate.guard(request, response, chain);
        } else {
            gate.passOn(request, response, chain);
        }
    }

    private void answer(Endpoint endpoint, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String loginHref = request.getContextPath() + settings.loginPage();
        if ("POST".equals(request.getMethod()) && !origins.fromThisOrigin(request)) {
            refuseOtherOrigin(request, response, loginHref);
            return;
        }
        try {
            endpoint.handle(request, response);
        } catch (BadRequestException e) {
            LOG.debug("bad request: {}", e.getMessage());
            Params.refuseBody(request, response);
            pages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid", loginHref);
        } catch (StorageException e) {
            LOG.error("token store failed: {}", e.getMessage(), e);
            pages.error(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", loginHref);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure answering a Haze endpoint: {}", e.getClass().getName(), e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                pages.error(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "error", loginHref);
            }
        }
    }

    /**
     * Every POST the filter answers changes who is signed in (or starts a sign-in), so one from another
     * site or origin is refused before any endpoint sees it: nothing is sent, no session is made or changed.
     * Its body is unread, so it is drained (if small) and the connection closed, as for any refused body.
     */
    private void refuseOtherOrigin(HttpServletRequest request, HttpServletResponse response, String loginHref)
            throws IOException {
        LOG.debug("refused a POST to {} from another site or origin", request.getRequestURI());
        Params.refuseBody(request, response); // the unread form must not leave the client a reset connection
        if (Pages.wantsJson(request)) {
            pages.json(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"forbidden\"}");
        } else {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "other-site", loginHref);
        }
    }

    /** Closes the store if the filter created it from init-params. */
    @Override
    public void destroy() {
        if (ownedStore != null) {
            ownedStore.close();
        }
    }
}
