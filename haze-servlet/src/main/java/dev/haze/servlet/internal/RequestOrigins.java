package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Tells a POST sent by this application's own pages from one another site made a browser send (login
 * CSRF: a hidden auto-submitting form that requests a link for the attacker's address in the victim's
 * session, signs the victim's browser in as the attacker, or signs the victim out).
 *
 * <ul>
 *   <li>A browser that sends {@code Sec-Fetch-Site} (Fetch Metadata; every current browser) is believed:
 *       {@code same-origin} and {@code none} (typed, bookmarked) pass; {@code cross-site} and also
 *       {@code same-site} are refused, because a sibling subdomain ({@code blog.example.com} against
 *       {@code shop.example.com}) is another application whose pages must not sign anyone in here.</li>
 *   <li>Without it, an {@code Origin} header must be this application's origin: that of {@code base-url},
 *       or the scheme, host and port the request itself was sent to. {@code Origin: null} (sandboxed
 *       frames, some redirects) is refused.</li>
 *   <li>With neither header the request is let through: it comes from a client that is not a browser
 *       (curl, a test, a server) or from a browser too old to send {@code Origin} with a POST, which no
 *       check on headers can protect.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class RequestOrigins {
    private final String baseOrigin;

    /** @param baseUrl the application's {@code base-url} */
    public RequestOrigins(URI baseUrl) {
        this.baseOrigin = origin(baseUrl.getScheme(), baseUrl.getHost(), baseUrl.getPort());
    }

    /**
     * @param request a state-changing request to one of the filter's endpoints
     * @return true when it was sent by a page of this application's origin, or by a client that is not a
     *     browser; false when a browser says it was sent from another site or origin
     */
    public boolean fromThisOrigin(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String sent = parse(origin);
        return sent != null && (sent.equals(baseOrigin)
                || sent.equals(origin(request.getScheme(), request.getServerName(), request.getServerPort())));
    }

    /** @return the origin in canonical form, or null for {@code null} or anything that is not an origin */
    private static String parse(String header) {
        if (header.length() > 1024 || header.equals("null")) {
            return null;
        }
        try {
            URI uri = new URI(header.strip());
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null) {
                return null;
            }
            return origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** @return {@code scheme://host[:port]} in lower case, without the scheme's default port */
    private static String origin(String scheme, String host, int port) {
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
