package dev.haze.servlet.internal;

import dev.haze.Haze;
import dev.haze.InvalidTokenException;
import dev.haze.VerifiedToken;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The magic-link path. {@code GET} checks the link without consuming it and shows the confirm page
 * (or, with {@code confirm=none}, signs in at once); {@code HEAD} checks without any event or body;
 * {@code POST} consumes the link and signs the browser in. Thread-safe.
 */
public final class VerifyEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyEndpoint.class);
    /** Longer than any link this library generates; anything longer is refused before parsing. */
    private static final int MAX_SIGNATURE_LENGTH = 4096;

    private final Haze haze;
    private final FilterSettings settings;
    private final Pages pages;

    /**
     * @param haze the core
     * @param settings the filter settings
     * @param pages writes responses
     */
    public VerifyEndpoint(Haze haze, FilterSettings settings, Pages pages) {
        this.haze = haze;
        this.settings = settings;
        this.pages = pages;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET" -> open(request, response);
            case "HEAD" -> check(request, response);
            case "POST" -> signIn(request, response);
            default -> MethodNotAllowed.answer(request, response, pages, "GET, HEAD, POST");
        }
    }

    private void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.confirm() == FilterSettings.Confirm.NONE) {
            signIn(request, response);
            return;
        }
        String tokenId = Params.get(request, "token_id", Haze.MAX_TOKEN_ID_LENGTH);
        String signature = Params.get(request, "signature", MAX_SIGNATURE_LENGTH);
        try {
            haze.open(tokenId, signature);
        } catch (InvalidTokenException e) {
            refuse(request, response, e);
            return;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        hidden.put("token_id", tokenId);
        hidden.put("signature", signature);
        hidden.put(AntiForgery.FIELD, AntiForgery.issue(request.getSession(true)));
        pages.html(request, response, HttpServletResponse.SC_OK, "confirm",
                new Pages.Form(request.getContextPath() + haze.config().magicLinkPath(), "confirm.button", false,
                        hidden));
    }

    private void check(HttpServletRequest request, HttpServletResponse response) {
        Pages.secureHeaders(response);
        try {
            haze.inspect(Params.get(request, "token_id", Haze.MAX_TOKEN_ID_LENGTH),
                    Params.get(request, "signature", MAX_SIGNATURE_LENGTH));
            response.setStatus(HttpServletResponse.SC_OK);
        } catch (InvalidTokenException e) {
            response.setStatus(Refusal.of(e.reason()).status());
        }
        response.setContentType("text/html;charset=UTF-8");
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.confirm() == FilterSettings.Confirm.BUTTON
                && (Redirects.crossSite(request) || !AntiForgery.matches(request))) {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", loginHref(request));
            return;
        }
        String tokenId = Params.get(request, "token_id", Haze.MAX_TOKEN_ID_LENGTH);
        String signature = Params.get(request, "signature", MAX_SIGNATURE_LENGTH);
        // The session exists before the link is consumed: a container that cannot make one fails here,
        // leaving the link usable, instead of after the link is burnt.
        HttpSession session = request.getSession(true);
        VerifiedToken token;
        try {
            token = haze.verify(tokenId, signature);
        } catch (InvalidTokenException e) {
            refuse(request, response, e);
            return;
        }
        request.changeSessionId();
        AntiForgery.forget(session);
        session.setAttribute(settings.sessionAttribute(),
                new HazeUser(token.userId(), token.metadata(), haze.clock().instant()));
        String next = token.nextPath();
        Redirects.seeOther(request, response, NextPaths.isSafe(next) ? next : settings.successRedirect());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidTokenException e)
            throws IOException {
        Refusal refusal = Refusal.of(e.reason());
        LOG.debug("magic link refused: {}", e.reason());
        pages.error(request, response, refusal.status(), refusal.page(), loginHref(request));
    }

    private String loginHref(HttpServletRequest request) {
        return request.getContextPath() + settings.loginPage();
    }

    /** What the user is shown for each reason: one generic page per outcome. */
    private enum Refusal {
        EXPIRED(HttpServletResponse.SC_GONE, "expired"),
        USED(HttpServletResponse.SC_GONE, "used"),
        INVALID(HttpServletResponse.SC_BAD_REQUEST, "invalid");

        private final int status;
        private final String page;

        Refusal(int status, String page) {
            this.status = status;
            this.page = page;
        }

        static Refusal of(InvalidTokenException.Reason reason) {
            return switch (reason) {
                case EXPIRED -> EXPIRED;
                case ALREADY_USED -> USED;
                default -> INVALID;
            };
        }

        int status() {
            return status;
        }

        String page() {
            return page;
        }
    }
}
