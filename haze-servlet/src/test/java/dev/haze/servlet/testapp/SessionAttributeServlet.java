package dev.haze.servlet.testapp;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Reads the signed-in user the ways an application might without the filter's help: straight from the
 * session attribute, and through {@link HazeUser#current} on the container's own request object, as code
 * the filter never wrapped would see it (an earlier filter, a framework holding the original request).
 */
public final class SessionAttributeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServletRequest original = request;
        while (original instanceof ServletRequestWrapper wrapper) {
            original = wrapper.getRequest();
        }
        HttpServletRequest unwrapped = (HttpServletRequest) original;
        HttpSession session = request.getSession(false);
        Object attribute = session == null ? null : session.getAttribute(CodeRegistration.SESSION_ATTRIBUTE);
        Object defaultAttribute = session == null ? null : session.getAttribute("haze.user");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("attribute=" + (attribute instanceof HazeUser user ? user.userId() : attribute)
                + "\ndefault-attribute=" + defaultAttribute
                + "\nunwrapped-principal=" + unwrapped.getUserPrincipal()
                + "\nunwrapped-current=" + HazeUser.current(unwrapped).map(HazeUser::userId).orElse(null)
                + "\n");
    }
}
