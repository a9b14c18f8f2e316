package dev.haze.servlet.internal;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpSession;

/** Reading the signed-in user from a session. */
public final class Sessions {
    private Sessions() {
    }

    /**
     * @param session a session
     * @param attribute the session attribute holding the user
     * @return the user, or null when none is signed in or the session was invalidated meanwhile
     */
    public static HazeUser user(HttpSession session, String attribute) {
        try {
            return session.getAttribute(attribute) instanceof HazeUser user ? user : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }
}
