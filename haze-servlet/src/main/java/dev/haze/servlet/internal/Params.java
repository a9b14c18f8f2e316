package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Reads request parameters defensively: a length cap, and container parse failures become a 400. */
public final class Params {
    /** The largest refused body still read to its end, in bytes (larger ones are cut off by closing). */
    public static final long MAX_DISCARDED_BODY = 4L * 1024 * 1024;

    private Params() {
    }

    /**
     * @param request the request
     * @param name the parameter
     * @param maxLength the longest value accepted
     * @return the value, or null when absent
     * @throws BadRequestException when the value is too long, repeated, or the body cannot be parsed
     *     (too large, bad encoding)
     */
    public static String get(HttpServletRequest request, String name, int maxLength) {
        String[] values;
        try {
            values = request.getParameterValues(name);
        } catch (RuntimeException e) {
            throw new BadRequestException("the request parameters cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new BadRequestException("parameter " + name + " is repeated");
        }
        if (values[0].length() > maxLength) {
            throw new BadRequestException("parameter " + name + " is longer than " + maxLength + " characters");
        }
        return values[0];
    }

    /**
     * After a {@link BadRequestException} the body may be left partly unread (too large to parse). Reads
     * and discards the rest when the declared length is at most {@value #MAX_DISCARDED_BODY} bytes, so the
     * client, still sending, receives the answer instead of a reset connection; and tells an HTTP/1 client
     * the connection closes after this answer, since the container will not reuse it.
     *
     * @param request the refused request
     * @param response its response, not yet committed
     */
    public static void refuseBody(HttpServletRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        if (length > 0 && length <= MAX_DISCARDED_BODY) {
            try {
                request.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException | RuntimeException unreadable) {
                // the container has given up on the body; closing the connection is all that is left
            }
        }
        if (request.getProtocol() != null && request.getProtocol().startsWith("HTTP/1.")) {
            response.setHeader("Connection", "close");
        }
    }
}
