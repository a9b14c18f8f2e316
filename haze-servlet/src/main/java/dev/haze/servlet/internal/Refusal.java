package dev.haze.servlet.internal;

import dev.haze.InvalidTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the user is shown when a link is refused: one generic page per outcome. */
enum Refusal {
    EXPIRED(HttpServletResponse.SC_GONE, "expired"),
    USED(HttpServletResponse.SC_GONE, "used"),
    INVALID(HttpServletResponse.SC_BAD_REQUEST, "invalid");

    private static final Logger LOG = LoggerFactory.getLogger(Refusal.class);

    private final int status;
    private final String page;

    Refusal(int status, String page) {
        this.status = status;
        this.page = page;
    }

    static Refusal of(InvalidTokenException.Reason reason) {
        return switch (reason) {
            case EXPIRED -> EXPIRED;
            case ALREADY_USED -> USED;
            default -> INVALID;
        };
    }

    int status() {
        return status;
    }

    /**
     * Writes the page for a refused link.
     *
     * @param pages writes the page
     * @param request the request
     * @param response the response
     * @param e why the link was refused (only its reason is logged)
     * @param loginHref where a new link can be requested
     * @throws IOException if writing fails
     */
    static void answer(Pages pages, HttpServletRequest request, HttpServletResponse response,
                       InvalidTokenException e, String loginHref) throws IOException {
        Refusal refusal = of(e.reason());
        LOG.debug("magic link refused: {}", e.reason());
        pages.error(request, response, refusal.status, refusal.page, loginHref);
    }
}
