package dev.haze.servlet.internal;

import dev.haze.CrossDeviceSignIn;
import dev.haze.VerifiedToken;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.HazeUser;
import dev.haze.store.LoginRequestState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code status-path}, for a browser waiting on a cross-device sign-in. The request id comes only from
 * the browser's own session; nothing in the request can name another one.
 *
 * <ul>
 *   <li>{@code GET}, JSON (any {@code Accept} without {@code text/html}): {@code {"state":"pending"}}
 *       (one store read, no write); when approved, redeems the request (exactly once), signs this session
 *       in and answers {@code {"state":"approved","next":"/path"}}; otherwise {@code denied},
 *       {@code expired} or {@code redeemed} (with {@code next} when this browser signed in with the link
 *       itself). No waiting request in the session (or no session, which is never created here):
 *       404 {@code {"state":"none"}}.</li>
 *   <li>{@code GET}, HTML (the no-script "I've opened the link" button): 303 to the next path when signed
 *       in, the waiting page again while pending, or a page explaining the outcome.</li>
 *   <li>{@code POST} (form {@code code}, the waiting page's anti-forgery value): the emailed code. Right:
 *       signs in (303, or JSON with {@code next}); wrong: 400 with the tries left; the fifth wrong code
 *       denies the request.</li>
 * </ul>
 * Thread-safe.
 */
public final class StatusEndpoint implements Endpoint {
    private final CrossDeviceSignIn crossDevice;
    private final SessionSignIn signIns;
    private final WaitingPage waitingPage;
    private final Pages pages;
    private final FilterSettings settings;
    private final Clock clock;

    /**
     * @param crossDevice the cross-device core
     * @param signIns signs sessions in
     * @param waitingPage writes the waiting page
     * @param pages writes responses
     * @param settings the filter settings
     * @param clock the core's clock
     */
    StatusEndpoint(CrossDeviceSignIn crossDevice, SessionSignIn signIns, WaitingPage waitingPage, Pages pages,
                   FilterSettings settings, Clock clock) {
        this.crossDevice = crossDevice;
        this.signIns = signIns;
        this.waitingPage = waitingPage;
        this.pages = pages;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        switch (request.getMethod()) {
            case "GET" -> check(request, response);
            case "POST" -> submitCode(request, response);
            default -> MethodNotAllowed.answer(request, response, pages, "GET, POST");
        }
    }

    private void check(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        WaitingRequest waiting = WaitingRequest.in(session);
        if (waiting == null) {
            none(request, response);
            return;
        }
        LoginRequestState state = crossDevice.status(waiting.requestId()).orElse(LoginRequestState.EXPIRED);
        if (state == LoginRequestState.APPROVED) {
            Optional<VerifiedToken> token = crossDevice.redeem(waiting.requestId());
            if (token.isPresent()) {
                signedIn(request, response, "approved", signIns.signIn(request, session, token.get(),
                        clock.instant()));
                WaitingRequest.forget(session);
                return;
            }
            state = LoginRequestState.REDEEMED; // another request of this session won the redemption
        }
        answer(request, response, session, waiting, state);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, HttpSession session,
                        WaitingRequest waiting, LoginRequestState state) throws IOException {
        boolean html = wantsHtml(request);
        if (state == LoginRequestState.REDEEMED && signedInSince(session, waiting)) {
            signedIn(request, response, "redeemed", signIns.continuation(waiting.next()));
            return;
        }
        String name = state.name().toLowerCase(Locale.ROOT);
        if (!html) {
            pages.json(response, HttpServletResponse.SC_OK, "{\"state\":\"" + name + "\"}");
            return;
        }
        String loginHref = loginHref(request);
        switch (state) {
            case PENDING -> waitingPage.show(request, response, HttpServletResponse.SC_OK, waiting, session,
                    pages.text(request, "waiting.not-yet"));
            case DENIED -> pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "denied", loginHref);
            case EXPIRED -> pages.error(request, response, HttpServletResponse.SC_GONE, "expired", loginHref);
            default -> pages.error(request, response, HttpServletResponse.SC_OK, "elsewhere", loginHref);
        }
    }

    private void submitCode(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AntiForgery.matches(request)) {
            if (wantsHtml(request)) {
                pages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", loginHref(request));
            } else {
                pages.json(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"forbidden\"}");
            }
            return;
        }
        HttpSession session = request.getSession(false);
        WaitingRequest waiting = WaitingRequest.in(session);
        if (waiting == null) {
            none(request, response);
            return;
        }
        CrossDeviceSignIn.CodeResult result = crossDevice.submitCode(waiting.requestId(),
                Params.get(request, "code", 32));
        switch (result.outcome()) {
            case SIGNED_IN -> {
                signedIn(request, response, "redeemed", signIns.signIn(request, session, result.token(),
                        clock.instant()));
                WaitingRequest.forget(session);
            }
            case WRONG_CODE -> wrongCode(request, response, session, waiting, result.attemptsLeft());
            case DENIED -> answer(request, response, session, waiting, LoginRequestState.DENIED);
            default -> answer(request, response, session, waiting,
                    crossDevice.status(waiting.requestId()).orElse(LoginRequestState.EXPIRED));
        }
    }

    private void wrongCode(HttpServletRequest request, HttpServletResponse response, HttpSession session,
                           WaitingRequest waiting, int attemptsLeft) throws IOException {
        if (wantsHtml(request)) {
            waitingPage.show(request, response, HttpServletResponse.SC_BAD_REQUEST, waiting, session,
                    pages.text(request, "waiting.wrong-code", attemptsLeft));
        } else {
            pages.json(response, HttpServletResponse.SC_BAD_REQUEST,
                    "{\"state\":\"pending\",\"error\":\"wrong_code\",\"attempts_left\":" + attemptsLeft + "}");
        }
    }

    /** This session signed in: 303 to {@code path}, or JSON with it as {@code next}. */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, String state, String path)
            throws IOException {
        if (wantsHtml(request)) {
            Redirects.seeOther(request, response, path);
        } else {
            pages.json(response, HttpServletResponse.SC_OK, "{\"state\":\"" + state + "\",\"next\":\""
                    + jsonText(request.getContextPath() + path) + "\"}");
        }
    }

    private void none(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (wantsHtml(request)) {
            Redirects.seeOther(request, response, settings.loginPage());
        } else {
            pages.json(response, HttpServletResponse.SC_NOT_FOUND, "{\"state\":\"none\"}");
        }
    }

    /** True when this browser signed in (with the link, in another tab) after it asked for the link. */
    private boolean signedInSince(HttpSession session, WaitingRequest waiting) {
        HazeUser user = Sessions.user(session, settings.sessionAttribute());
        return user != null && !user.signedInAt().isBefore(waiting.requestedAt());
    }

    private String loginHref(HttpServletRequest request) {
        return request.getContextPath() + settings.loginPage();
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** Escapes a path for a JSON string; {@code <} too, for HTML contexts. */
    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c");
    }
}
