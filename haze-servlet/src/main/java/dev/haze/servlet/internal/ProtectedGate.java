package dev.haze.servlet.internal;

import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.HazeUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Guards {@code protected-paths}: a signed-in request goes on wrapped in a {@link SignedInRequest}; an
 * anonymous one is sent to the login page (HTML, with a safe {@code next}) or answered 401 (JSON/API) with
 * {@code WWW-Authenticate: MagicLink realm="<login page>"}.
 * Other requests go on, wrapped too when signed in. Never creates a session. Thread-safe.
 */
public final class ProtectedGate {
    private final FilterSettings settings;
    private final Pages pages;

    /**
     * @param settings the filter settings
     * @param pages the page writer
     */
    public ProtectedGate(FilterSettings settings, Pages pages) {
        this.settings = settings;
        this.pages = pages;
    }

    /**
     * @param request a request under a protected path
     * @param response its response
     * @param chain the rest of the chain
     * @throws IOException if writing fails
     * @throws ServletException from downstream
     */
    public void guard(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        HazeUser user = session == null ? null : Sessions.user(session, settings.sessionAttribute());
        if (user != null) {
            chain.doFilter(new SignedInRequest(request, user), response);
            return;
        }
        if (Pages.wantsJson(request) || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader("WWW-Authenticate", challenge(request));
            pages.json(response, HttpServletResponse.SC_UNAUTHORIZED, "{\"error\":\"unauthenticated\"}");
            return;
        }
        String location = settings.loginPage();
        String next = nextOf(request);
        if (next != null) {
            location += (location.indexOf('?') < 0 ? "?next=" : "&next=") + URLEncoder.encode(next,
                    StandardCharsets.UTF_8);
        }
        Redirects.seeOther(request, response, location);
    }

    /**
     * Passes a request outside the protected paths on: wrapped when its session is signed in, so
     * {@code getUserPrincipal()} works on every page (a public page may greet the user), untouched
     * otherwise. Never creates a session and never touches the store.
     *
     * @param request a request no endpoint and no protected path claims
     * @param response its response
     * @param chain the rest of the chain
     * @throws IOException from downstream
     * @throws ServletException from downstream
     */
    public void passOn(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        HazeUser user = session == null ? null : Sessions.user(session, settings.sessionAttribute());
        chain.doFilter(user == null ? request : new SignedInRequest(request, user), response);
    }

    /**
     * RFC 9110 requires a challenge with every 401. There is no registered scheme for "sign in through a
     * page", so this names its own, {@code MagicLink}, with the login page as the realm: a client that
     * understands it knows where a person signs in, and the response stays well-formed for every other.
     */
    private String challenge(HttpServletRequest request) {
        String loginPage = request.getContextPath() + settings.loginPage();
        return "MagicLink realm=\"" + loginPage.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String nextOf(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        String query = request.getQueryString();
        String next = query == null ? path : path + '?' + query;
        return NextPaths.isSafe(next) ? next : null;
    }
}
