package dev.haze.demo;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The start page: an email field whose form posts to the filter's request endpoint. A signed-in visitor
 * goes to the dashboard. A dead or used link never lands here: the filter answers it with its own page
 * (expired, used, invalid) that links back to this one. Stateless and thread-safe.
 */
public final class LoginPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getContextPath();
        if (HazeUser.current(request).isPresent()) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", base + "/dashboard");
            return;
        }
        StringBuilder body = new StringBuilder(1024);
        body.append("<h1>Sign in</h1>\n")
                .append("<p>No password: enter your email address and we send you a link that signs you in.</p>\n");
        body.append("<form method=\"post\" action=\"").append(Layout.escape(base)).append("/auth/magic-link\">\n")
                .append("<label for=\"email\">Email address</label>\n")
                .append("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\"")
                .append(" autofocus placeholder=\"you@example.com\" maxlength=\"254\">\n")
                .append("<button type=\"submit\">Email me a sign-in link</button>\n</form>\n");
        if (request.getServletContext().getAttribute(DemoSetup.OUTBOX_ATTRIBUTE) != null) {
            body.append("<p class=\"notice dev\">Development mode: no email is sent. The link appears in the <a href=\"")
                    .append(Layout.escape(base)).append("/dev/outbox\">development outbox</a>.</p>\n");
        }
        Layout.write(request, response, "Sign in", body.toString());
    }
}
