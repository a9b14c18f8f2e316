package dev.haze.servlet.internal;

import dev.haze.VerifiedToken;
import dev.haze.servlet.FilterSettings;
import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Instant;

/**
 * Signs a browser's session in, the one way every endpoint does it: the session id is rotated (no
 * fixation), the anti-forgery value is spent, and the
 * {@link HazeUser} is stored under the configured attribute. Thread-safe.
 */
public final class SessionSignIn {
    private final FilterSettings settings;

    /** @param settings the filter settings (session attribute, success redirect) */
    public SessionSignIn(FilterSettings settings) {
        this.settings = settings;
    }

    /**
     * @param request the request whose session signs in
     * @param session its session (existing)
     * @param token who signs in
     * @param now the sign-in time
     * @return where to continue, inside the application (the link's safe {@code next} or the success
     *     redirect), without the context path
     */
    public String signIn(HttpServletRequest request, HttpSession session, VerifiedToken token, Instant now) {
        request.changeSessionId();
        AntiForgery.forget(session);
        session.setAttribute(settings.sessionAttribute(), new HazeUser(token.userId(), token.metadata(), now));
        return continuation(token.nextPath());
    }

    /**
     * @param next a {@code next} path, or null
     * @return it when safe, else the success redirect
     */
    public String continuation(String next) {
        return NextPaths.isSafe(next) ? next : settings.successRedirect();
    }
}
