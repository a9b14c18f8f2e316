package dev.haze;

import dev.haze.InvalidTokenException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The two query parameters of a link, parsed from a whole URL and checked against the configured endpoint. */
record LinkParameters(String tokenId, String signature) {
    private static final int MAX_URL_LENGTH = 8192;

    static LinkParameters parse(String url, HazeConfig config) {
        if (url == null || url.length() > MAX_URL_LENGTH) {
            throw malformed("the URL is missing or longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw malformed("the URL cannot be parsed");
        }
        URI base = config.baseUrl();
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                || !base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                || port(base) != port(uri)
                || uri.getRawUserInfo() != null
                || !(base.getRawPath() + config.magicLinkPath()).equals(uri.getRawPath())) {
            throw malformed("the URL does not point at " + config.linkEndpoint());
        }
        String tokenId = null;
        String signature = null;
        String query = uri.getRawQuery();
        if (query == null) {
            throw malformed("the URL has no query");
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name.equals("token_id")) {
                if (tokenId != null) {
                    throw malformed("token_id appears more than once");
                }
                tokenId = value;
            } else if (name.equals("signature")) {
                if (signature != null) {
                    throw malformed("signature appears more than once");
                }
                signature = value;
            }
        }
        if (tokenId == null || signature == null) {
            throw malformed("the URL lacks token_id or signature");
        }
        return new LinkParameters(tokenId, signature);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("the URL has a bad percent-encoding");
        }
    }

    private static InvalidTokenException malformed(String message) {
        return new InvalidTokenException(Reason.MALFORMED, message);
    }
}
