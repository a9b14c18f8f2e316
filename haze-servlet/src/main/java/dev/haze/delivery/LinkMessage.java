package dev.haze.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a {@link LinkSender} needs to write the message that carries a magic link.
 * {@link #toString()} leaves out the link and the code: both are secrets.
 *
 * @param recipient the address the link goes to
 * @param link the magic link (a bearer credential)
 * @param validFor how long the link works, for "expires in 10 minutes"
 * @param expiresAt when it stops working
 * @param requestedAt when it was requested
 * @param requestedBy a coarse description of the requesting browser ("Firefox on Linux"), or empty
 * @param code a one-time code to type on the requesting device instead of clicking (cross-device
 *     fallback), or null when none was issued
 */
public record LinkMessage(String recipient, URI link, Duration validFor, Instant expiresAt, Instant requestedAt,
                          String requestedBy, String code) {

    /** Checks the required components. */
    public LinkMessage {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(validFor, "validFor");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(requestedAt, "requestedAt");
        requestedBy = requestedBy == null ? "" : requestedBy;
    }

    @Override
    public String toString() {
        return "LinkMessage[expiresAt=" + expiresAt + ", requestedAt=" + requestedAt + "]";
    }
}
