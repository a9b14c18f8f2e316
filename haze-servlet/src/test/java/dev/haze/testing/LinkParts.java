package dev.haze.testing;

import dev.haze.MagicLink;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads the query parameters of a generated link, as a browser would send them back. */
public final class LinkParts {
    private LinkParts() {
    }

    /**
     * @param link a generated link
     * @return its decoded {@code signature} parameter
     */
    public static String signature(MagicLink link) {
        String query = link.url().getRawQuery();
        String raw = query.substring(query.indexOf("signature=") + "signature=".length());
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
