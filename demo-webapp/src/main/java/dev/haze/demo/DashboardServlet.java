package dev.haze.demo;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The protected page (listed in the filter's {@code protected-paths}): who is signed in, read the three
 * ways an application can, and a sign-out button. Stateless and thread-safe.
 */
public final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<HazeUser> current = HazeUser.current(request);
        if (current.isEmpty()) {
            // The filter guards this path; reaching here signed out means it is misconfigured.
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        HazeUser user = current.get();
        HttpSession session = request.getSession(false);
        String base = Layout.escape(request.getContextPath());
        String body = "<h1>Welcome</h1>\n"
                + "<p class=\"signed-in\">You are signed in as <strong id=\"user\">" + Layout.escape(user.userId())
                + "</strong>.</p>\n"
                + "<dl>\n"
                + "<dt>request.getUserPrincipal().getName()</dt><dd>"
                + Layout.escape(request.getUserPrincipal() == null ? "(none)" : request.getUserPrincipal().getName())
                + "</dd>\n"
                + "<dt>request.getRemoteUser()</dt><dd>" + Layout.escape(String.valueOf(request.getRemoteUser()))
                + "</dd>\n"
                + "<dt>Signed in at</dt><dd>" + WHEN.format(user.signedInAt()) + "</dd>\n"
                + "<dt>Session</dt><dd>" + (session == null ? "none" : "active, idle timeout "
                + session.getMaxInactiveInterval() / 60 + " minutes") + "</dd>\n"
                + "</dl>\n"
                + "<form method=\"post\" action=\"" + base + "/auth/logout\">"
                + "<button type=\"submit\" class=\"secondary\">Sign out</button></form>\n";
        Layout.write(request, response, "Dashboard", body);
    }
}
