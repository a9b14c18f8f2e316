package dev.haze.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds who a link request comes from, for rate limiting. By default it is
 * {@link HttpServletRequest#getRemoteAddr()}: a forwarding header is believed only when the direct peer is
 * one of the configured trusted proxies, and then the rightmost address in the header that is not itself a
 * trusted proxy is taken (the leftmost entries are whatever the client chose to send).
 *
 * <p>Addresses are compared as IP addresses, never as text: containers spell the same peer differently
 * (Jetty {@code [0:0:0:0:0:0:0:1]}, Tomcat {@code 0:0:0:0:0:0:0:1}, for {@code ::1}), and proxies may add a
 * port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}). An IPv6 client counts as its /64 network
 * ({@link IpAddress#rateLimitKey()}). Immutable and thread-safe.
 */
public final class ClientAddresses {
    private final List<IpRange> trustedProxies;
    private final String header;

    /**
     * @param trustedProxies addresses or CIDR ranges of proxies whose header is believed, validated
     *     ({@link IpRange#parse}); empty to never believe one
     * @param header the forwarding header, e.g. {@code X-Forwarded-For}
     * @throws IllegalArgumentException for an entry that is not an address or range
     */
    public ClientAddresses(Collection<String> trustedProxies, String header) {
        List<IpRange> ranges = new ArrayList<>();
        for (String proxy : trustedProxies) {
            IpRange range = IpRange.parse(proxy);
            if (range == null) {
                throw new IllegalArgumentException("not an IP address or range: " + proxy);
            }
            ranges.add(range);
        }
        this.trustedProxies = List.copyOf(ranges);
        this.header = header;
    }

    /**
     * @param request the request
     * @return the client's rate-limit key: its IPv4 address, or its IPv6 /64 network, in canonical text
     *     (the raw remote address if the container reports something that is not an IP address)
     */
    public String of(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        IpAddress peer = IpAddress.parseHop(remote);
        if (peer == null) {
            return String.valueOf(remote);
        }
        return (isTrusted(peer) ? forwardedClient(request, peer) : peer).rateLimitKey();
    }

    private IpAddress forwardedClient(HttpServletRequest request, IpAddress peer) {
        String forwarded = request.getHeader(header);
        if (forwarded == null || forwarded.length() > 1024) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            IpAddress hop = IpAddress.parseHop(hops[i]);
            if (hop == null) {
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(IpAddress address) {
        for (IpRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
