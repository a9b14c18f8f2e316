package dev.haze;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A freshly generated magic link. The URL is a bearer credential: send it to the user and nowhere else,
 * never log it. {@link #toString()} leaves the URL and token id out for that reason.
 *
 * @param url the link to send: {@code {base-url}{magic-link-path}?token_id=…&signature=…}
 * @param tokenId the link's token id (also the JWT's {@code jti})
 * @param expiresAt when the link stops working
 */
public record MagicLink(URI url, String tokenId, Instant expiresAt) {

    /** Checks that no component is null. */
    public MagicLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "MagicLink[expiresAt=" + expiresAt + "]";
    }
}
