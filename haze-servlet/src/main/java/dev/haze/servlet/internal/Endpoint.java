package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** One path the filter answers itself. Implementations are thread-safe. */
@FunctionalInterface
public interface Endpoint {

    /**
     * @param request the request
     * @param response the response, fully written when this returns
     * @throws IOException if writing fails
     * @throws BadRequestException for a parameter that cannot be read
     */
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
