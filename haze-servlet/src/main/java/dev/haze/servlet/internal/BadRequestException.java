package dev.haze.servlet.internal;

/** A request parameter could not be read or is out of bounds; answered with 400, never 500. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, without the value itself */
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
