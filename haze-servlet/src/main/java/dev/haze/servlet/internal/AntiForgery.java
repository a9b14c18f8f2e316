package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Binds the confirm page's POST to the browser that opened the link: a random value kept in that
 * browser's session and echoed by the form. A POST from anywhere else (a forged form, another browser,
 * a replayed request without the session) lacks it and is refused. Thread-safe.
 */
public final class AntiForgery {
    /** The form field carrying the value. */
    public static final String FIELD = "haze_confirm";
    private static final String ATTRIBUTE = AntiForgery.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AntiForgery() {
    }

    /**
     * @param session the opening browser's session
     * @return the value to put in the confirm form (the same for the session's lifetime)
     */
    public static String issue(HttpSession session) {
        Object existing = session.getAttribute(ATTRIBUTE);
        if (existing instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(ATTRIBUTE, value);
        return value;
    }

    /**
     * @param request a confirm POST
     * @return true when its form value equals the one in its session (compared in constant time)
     */
    public static boolean matches(HttpServletRequest request) {
        String sent = Params.get(request, FIELD, 100);
        HttpSession session = request.getSession(false);
        if (sent == null || session == null) {
            return false;
        }
        Object expected;
        try {
            expected = session.getAttribute(ATTRIBUTE);
        } catch (IllegalStateException invalidated) {
            return false;
        }
        return expected instanceof String s && MessageDigest.isEqual(s.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    /** @param session a session that just signed in: its value is spent */
    public static void forget(HttpSession session) {
        session.removeAttribute(ATTRIBUTE);
    }
}
