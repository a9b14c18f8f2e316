package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cross-device waiting page ("check your email"): the two-digit matching code, the polling script,
 * an "I've opened the link" button for browsers without JavaScript, and a form for the emailed code.
 * The same for known and unknown addresses (the code is random either way). Thread-safe.
 */
final class WaitingPage {
    private final Pages pages;
    private final Clock clock;
    private final String statusPath;
    private final long linkMinutes;

    /**
     * @param pages writes responses
     * @param clock judges the time left
     * @param statusPath the status path (without the context path)
     * @param linkMinutes the links' lifetime in minutes, for the page's text
     */
    WaitingPage(Pages pages, Clock clock, String statusPath, long linkMinutes) {
        this.pages = pages;
        this.clock = clock;
        this.statusPath = statusPath;
        this.linkMinutes = linkMinutes;
    }

    /**
     * @param request the request (locale, context path)
     * @param response the response
     * @param status the HTTP status
     * @param waiting the request this browser waits on
     * @param session this browser's session (for the code form's anti-forgery value)
     * @param note an extra line ("that code is not right…"), or null
     * @throws IOException if writing fails
     */
    void show(HttpServletRequest request, HttpServletResponse response, int status, WaitingRequest waiting,
              HttpSession session, String note) throws IOException {
        String action = request.getContextPath() + statusPath;
        List<String> paragraphs = new ArrayList<>();
        if (note != null) {
            paragraphs.add(note);
        }
        paragraphs.add(pages.text(request, "waiting.match"));
        long secondsLeft = Math.max(0, Duration.between(clock.instant(), waiting.expiresAt()).toSeconds());
        Pages.Content content = new Pages.Content(paragraphs, waiting.matchCode(), List.of(), List.of(
                new Pages.Form(action, "waiting.check", false, Map.of(), "get", null, false, false),
                new Pages.Form(action, "waiting.code-button", false,
                        Map.of(AntiForgery.FIELD, AntiForgery.issue(session)), "post", null, true, true)),
                Map.of("status", action, "expires-in", Long.toString(secondsLeft)), true);
        pages.page(request, response, status, "waiting", content, linkMinutes);
    }
}
