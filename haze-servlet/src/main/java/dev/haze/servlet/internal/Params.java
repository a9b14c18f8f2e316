package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;

/** Reads request parameters defensively: a length cap, and container parse failures become a 400. */
public final class Params {
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
}
