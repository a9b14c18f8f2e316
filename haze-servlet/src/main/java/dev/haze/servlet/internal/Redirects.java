package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 303 redirects to paths inside the application, with the security headers. */
public final class Redirects {
    private Redirects() {
    }

    /**
     * @param request the request (its context path)
     * @param response the response
     * @param path a validated same-site path inside the application, with optional query
     */
    public static void seeOther(HttpServletRequest request, HttpServletResponse response, String path) {
        Pages.secureHeaders(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + path);
        response.setContentLength(0);
    }
}
