package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The 405 answer of the filter's endpoints. */
final class MethodNotAllowed {
    private MethodNotAllowed() {
    }

    static void answer(HttpServletRequest request, HttpServletResponse response, Pages pages, String allow)
            throws IOException {
        response.setHeader("Allow", allow);
        pages.html(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method", null);
    }
}
