package dev.haze.servlet.testapp;

import dev.haze.servlet.HazeUser;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/** The test webapp's only servlet, mapped to {@code /}: prints the path and who the request belongs to. */
public final class WhoAmIServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal principal = request.getUserPrincipal();
        String pathInfo = request.getPathInfo();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("path=" + request.getServletPath() + (pathInfo == null ? "" : pathInfo)
                + "\nremoteUser=" + request.getRemoteUser()
                + "\nprincipal=" + (principal == null ? null : principal.getName())
                + "\ncurrent=" + HazeUser.current(request).map(HazeUser::userId).orElse(null)
                + "\n");
    }
}
