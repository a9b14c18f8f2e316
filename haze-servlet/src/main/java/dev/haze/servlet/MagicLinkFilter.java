package dev.haze.servlet;

import dev.haze.Haze;
import dev.haze.HazeException;
import dev.haze.RateLimiter;
import dev.haze.StorageException;
import dev.haze.delivery.LinkSender;
import dev.haze.delivery.LoggingLinkSender;
import dev.haze.servlet.internal.BadRequestException;
import dev.haze.servlet.internal.ClientAddresses;
import dev.haze.servlet.internal.Endpoint;
import dev.haze.servlet.internal.FilterBootstrap;
import dev.haze.servlet.internal.LinkRequestEndpoint;
import dev.haze.servlet.internal.LogoutEndpoint;
import dev.haze.servlet.internal.Pages;
import dev.haze.servlet.internal.PathPatterns;
import dev.haze.servlet.internal.ProtectedGate;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Magic-link sign-in for any Servlet 6 application. Map it to {@code /*}:
 *
 * <table>
 *   <caption>What the filter answers (paths are init-params; defaults shown)</caption>
 *   <tr><td>{@code POST /auth/magic-link}</td><td>form {@code email}, optional {@code next}: sends a link;
 *       200 page, or 202 JSON for {@code Accept: application/json}; 400 bad address; 429 + Retry-After.
 *       The same answer whether or not the address is known. {@code GET} shows a built-in form.</td></tr>
 *   <tr><td>{@code GET /auth/verify}</td><td>checks the link without consuming it and shows a confirm page
 *       whose button POSTs it ({@code confirm=none}: signs in at once). {@code HEAD} consumes nothing.</td></tr>
 *   <tr><td>{@code POST /auth/verify}</td><td>consumes the link, rotates the session id, stores a
 *       {@link HazeUser} in the session, 303 to the recorded {@code next} path or {@code success-redirect};
 *       403 without the confirm page's anti-forgery value; 400/410 page when the link is bad, expired or
 *       used.</td></tr>
 *   <tr><td>{@code POST /auth/logout}</td><td>invalidates the session, 303 to the login page.</td></tr>
 *   <tr><td>{@code protected-paths}</td><td>signed in: passes on with {@code getUserPrincipal()} set;
 *       otherwise 303 to {@code login-page?next=…} (HTML) or 401 (JSON).</td></tr>
 *   <tr><td>anything else</td><td>passes through untouched: one map lookup, no session, no store.</td></tr>
 * </table>
 *
 * <p>Configure it with init-params in {@code web.xml} (see {@link FilterSettings#NAMES},
 * {@link dev.haze.HazeBuilder#OPTION_NAMES}, plus {@code store}, {@code link-sender}, {@code user-resolver}
 * and the store provider's own options), or build it in code with {@link #MagicLinkFilter(Haze,
 * FilterSettings)} for {@code ServletContext.addFilter}. A bad init-param stops {@link #init} with a
 * {@link ServletException} naming it.
 *
 * <p>Every response the filter writes carries {@code Cache-Control: no-store}, {@code Referrer-Policy:
 * no-referrer}, {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and a CSP that
 * allows no script and no framing. Thread-safe once initialised.
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
                throw new dev.haze.ConfigurationException("init-params " + params.keySet() + " are ignored by a"
                        + " MagicLinkFilter built in code; put them in its FilterSettings or Haze builder");
            }
        } catch (HazeException e) {
            throw new ServletException("MagicLinkFilter '" + config.getFilterName() + "' cannot start: "
                    + e.getMessage(), e);
        }
        config.getServletContext().setAttribute(HazeUser.SESSION_ATTRIBUTE_NAME, settings.sessionAttribute());
        prepare();
        LOG.info("MagicLinkFilter ready: links at {}, requests at {}, protecting {}", haze.config().linkEndpoint(),
                settings.requestPath(), settings.protectedPaths());
    }

    private void prepare() {
        if (sender == null) {
            sender = new LoggingLinkSender();
        }
        if (resolver == null) {
            resolver = UserResolver.EMAIL_AS_USER_ID;
        }
        pages = new Pages();
        RateLimiter limiter = new RateLimiter(haze.store(), haze.clock(), settings.rateLimits());
        ClientAddresses clients = new ClientAddresses(settings.trustedProxies(), settings.clientIpHeader());
        Map<String, Endpoint> map = new HashMap<>();
        map.put(settings.requestPath(), new LinkRequestEndpoint(haze, limiter, clients, sender, resolver, pages,
                settings.requestPath()));
        map.put(haze.config().magicLinkPath(), new VerifyEndpoint(haze, settings, pages));
        map.put(settings.logoutPath(), new LogoutEndpoint(pages, settings.loginPage()));
        map.put(settings.statusPath(), (request, response) -> pages.json(response,
                HttpServletResponse.SC_NOT_FOUND, "{\"error\":\"cross_device_not_available\"}"));
        endpoints = Map.copyOf(map);
        protectedPaths = new PathPatterns(settings.protectedPaths());
        gate = new ProtectedGate(settings, pages);
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
        } else if (protectedPaths.matches(path)) {
            gate.guard(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void answer(Endpoint endpoint, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String loginHref = request.getContextPath() + settings.loginPage();
        try {
            endpoint.handle(request, response);
        } catch (BadRequestException e) {
            LOG.debug("bad request: {}", e.getMessage());
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

    /** Closes the store if the filter created it from init-params. */
    @Override
    public void destroy() {
        if (ownedStore != null) {
            ownedStore.close();
        }
    }
}
