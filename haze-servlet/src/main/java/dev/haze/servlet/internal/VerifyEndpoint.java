package dev.haze.servlet.internal;

import dev.haze.CrossDeviceSignIn;
import dev.haze.Haze;
import dev.haze.InvalidTokenException;
import dev.haze.VerifiedToken;
import dev.haze.servlet.FilterSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The magic-link path. {@code GET} checks the link without consuming it and shows the confirm page
 * (or, with {@code confirm=none}, signs in at once); {@code HEAD} checks without any event or body;
 * {@code POST} consumes the link and signs the browser in.
 *
 * <p>With cross-device sign-in on, a GET in the browser that requested the link (its session holds the
 * link's request) shows the confirm page as usual; in any other browser, while the request is pending, it
 * shows the {@link LinkApproval approval page} instead, whose choices POST here with a {@code decision}.
 * Signing in here ends the request, so the requesting browser cannot sign in with it too. Thread-safe.
 */
public final class VerifyEndpoint implements Endpoint {
    /** Longer than any link this library generates; anything longer is refused before parsing. */
    static final int MAX_SIGNATURE_LENGTH = 4096;

    private final Haze haze;
    private final FilterSettings settings;
    private final Pages pages;
    private final CrossDeviceSignIn crossDevice;
    private final LinkApproval approval;
    private final SessionSignIn signIns;

    /**
     * @param haze the core
     * @param settings the filter settings
     * @param pages writes responses
     * @param crossDevice the cross-device core, or null when cross-device sign-in is off
     * @param signIns signs sessions in
     */
    public VerifyEndpoint(Haze haze, FilterSettings settings, Pages pages, CrossDeviceSignIn crossDevice,
                          SessionSignIn signIns) {
        this.haze = haze;
        this.settings = settings;
        this.pages = pages;
        this.crossDevice = crossDevice;
        this.approval = crossDevice == null ? null : new LinkApproval(crossDevice, pages,
                haze.config().magicLinkPath());
        this.signIns = signIns;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET" -> open(request, response);
            case "HEAD" -> check(request, response);
            case "POST" -> post(request, response);
            default -> MethodNotAllowed.answer(request, response, pages, "GET, HEAD, POST");
        }
    }

    private void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String tokenId = Params.get(request, "token_id", Haze.MAX_TOKEN_ID_LENGTH);
        String signature = Params.get(request, "signature", MAX_SIGNATURE_LENGTH);
        try {
            haze.open(tokenId, signature);
        } catch (InvalidTokenException e) {
            refuse(request, response, e);
            return;
        }
        if (crossDevice != null && !requestedHere(request, tokenId)
                && approval.showIfPending(request, response, tokenId, signature)) {
            return;
        }
        if (settings.confirm() == FilterSettings.Confirm.NONE) {
            signIn(request, response);
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

    /** True when this browser's session waits on the request the link belongs to (same browser). */
    private boolean requestedHere(HttpServletRequest request, String tokenId) {
        WaitingRequest waiting = WaitingRequest.in(request.getSession(false));
        return waiting != null && crossDevice.requestedBy(tokenId, waiting.requestId());
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String decision = crossDevice == null ? null : Params.get(request, LinkApproval.DECISION, 16);
        if (decision == null) {
            signIn(request, response);
        } else if (decision.equals("here")) {
            signIn(request, response, true);
        } else if (!decision.equals("approve") && !decision.equals("deny")) {
            throw new BadRequestException("unknown decision");
        } else if (!AntiForgery.matches(request)) {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", loginHref(request));
        } else {
            approval.decide(request, response, decision, loginHref(request));
        }
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
        signIn(request, response, settings.confirm() == FilterSettings.Confirm.BUTTON);
    }

    /** @param fromPage whether the request must come from a page this filter showed this browser */
    private void signIn(HttpServletRequest request, HttpServletResponse response, boolean fromPage)
            throws IOException {
        if (fromPage && !AntiForgery.matches(request)) {
            pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", loginHref(request));
            return;
        }
        String tokenId = Params.get(request, "token_id", Haze.MAX_TOKEN_ID_LENGTH);
        String signature = Params.get(request, "signature", MAX_SIGNATURE_LENGTH);
        HttpSession session = request.getSession(false);
        if (session == null) {
            // confirm=none: check the link before making a session (garbage must not fill session memory),
            // then make the session before consuming, so a container that cannot make one fails while the
            // link is still usable.
            try {
                haze.inspect(tokenId, signature);
            } catch (InvalidTokenException e) {
                refuse(request, response, e);
                return;
            }
            session = request.getSession(true);
        }
        VerifiedToken token;
        try {
            token = crossDevice == null ? haze.verify(tokenId, signature) : crossDevice.signInHere(tokenId, signature);
        } catch (InvalidTokenException e) {
            refuse(request, response, e);
            return;
        }
        Redirects.seeOther(request, response, signIns.signIn(request, session, token, haze.clock().instant()));
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, InvalidTokenException e)
            throws IOException {
        Refusal.answer(pages, request, response, e, loginHref(request));
    }

    private String loginHref(HttpServletRequest request) {
        return request.getContextPath() + settings.loginPage();
    }
}
