package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Finds the client's IP address for rate limiting. By default it is {@link HttpServletRequest#getRemoteAddr()}:
 * a forwarding header is believed only when the direct peer is one of the configured trusted proxies, and
 * then the rightmost address in the header that is not itself a trusted proxy is taken (the leftmost
 * entries are whatever the client chose to send). Immutable and thread-safe.
 */
public final class ClientAddresses {
    private final Set<String> trustedProxies;
    private final String header;

    /**
     * @param trustedProxies IP addresses of proxies whose header is believed; empty to never believe one
     * @param header the forwarding header, e.g. {@code X-Forwarded-For}
     */
    public ClientAddresses(Set<String> trustedProxies, String header) {
        this.trustedProxies = Set.copyOf(trustedProxies);
        this.header = header;
    }

    /**
     * @param request the request
     * @return the client's IP address as text
     */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader(header);
        if (forwarded == null || forwarded.length() > 1024) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.matches("[0-9A-Fa-f.:]{2,45}")) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
