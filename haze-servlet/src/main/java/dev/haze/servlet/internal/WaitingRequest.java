package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;

/**
 * The cross-device request a browser is waiting on, kept in that browser's session only: the request id
 * never appears in a URL, a page, a JSON answer or a log. {@link #toString()} leaves it out.
 *
 * @param requestId the secret whose hash keys the login request in the store
 * @param matchCode the two-digit code this browser shows for number matching
 * @param requestedAt when the link was requested
 * @param expiresAt when the request expires
 * @param next the {@code next} path requested with the link (used when another tab of this browser signs
 *     in with the link itself), or null
 */
public record WaitingRequest(String requestId, String matchCode, Instant requestedAt, Instant expiresAt, String next)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = WaitingRequest.class.getName();

    /**
     * @param session a session, or null
     * @return the request it waits on, or null (also when the session was invalidated meanwhile)
     */
    public static WaitingRequest in(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof WaitingRequest w ? w : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    /** @param session the requesting browser's session; replaces any earlier request it waited on */
    public void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }

    /** @param session a session that stopped waiting (it signed in) */
    public static void forget(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }

    @Override
    public String toString() {
        return "WaitingRequest[expiresAt=" + expiresAt + "]";
    }
}
