package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** {@code POST logout-path}: invalidates the session and sends the browser to the login page. Thread-safe. */
public final class LogoutEndpoint implements Endpoint {
    private final Pages pages;
    private final String loginPage;

    /**
     * @param pages writes responses
     * @param loginPage where to go afterwards
     */
    public LogoutEndpoint(Pages pages, String loginPage) {
        this.pages = pages;
        this.loginPage = loginPage;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            MethodNotAllowed.answer(request, response, pages, "POST");
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // signed out either way
            }
        }
        Redirects.seeOther(request, response, loginPage);
    }
}
