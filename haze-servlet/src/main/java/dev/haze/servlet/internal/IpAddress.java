package dev.haze.servlet.internal;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address read from text by a strict parser of its own, so a value can never cause a name
 * lookup (which {@link java.net.InetAddress#getByName} would do for anything it does not recognise as a
 * literal). IPv4 is a dotted quad without leading zeros; IPv6 is the RFC 4291 text form, with {@code ::}
 * and a trailing dotted quad, without a zone. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, as a
 * dual-stack socket reports an IPv4 client) is the IPv4 address, so both spellings compare equal.
 * Immutable and thread-safe.
 */
public final class IpAddress {
    private static final int MAX_TEXT = 45;

    private final byte[] bytes;

    private IpAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param text an address, e.g. {@code 192.0.2.1}, {@code ::1}, {@code [::1]}, {@code 0:0:0:0:0:0:0:1}
     * @return the address, or null when the text is not an IP literal
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
            return s.indexOf(':') < 0 ? null : of(parseV6(s));
        }
        return of(s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s));
    }

    /**
     * Reads one entry of a forwarding header such as {@code X-Forwarded-For}, or a container's remote
     * address: an address with an optional port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}) and,
     * for IPv6, optional brackets ({@code [::1]}, Jetty's form).
     *
     * @param text the entry
     * @return the address without the port, or null when the entry is not one
     */
    public static IpAddress parseHop(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !isPortSuffix(s, close + 1)) {
                return null;
            }
            return parse(s.substring(0, close + 1));
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':') && isPortSuffix(s, colon)) {
            return of(parseV4(s.substring(0, colon)));
        }
        return parse(s);
    }

    /** @return whether {@code s} from {@code from} on is empty or {@code :} and a port number */
    private static boolean isPortSuffix(String s, int from) {
        if (from == s.length()) {
            return true;
        }
        int digits = s.length() - from - 1;
        if (s.charAt(from) != ':' || digits < 1 || digits > 5) {
            return false;
        }
        for (int i = from + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bytes 4 or 16 bytes (kept, not copied), or null
     * @return the address (IPv4 for an IPv4-mapped IPv6 one), or null for null
     */
    static IpAddress of(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 16 && isV4Mapped(bytes)) {
            return new IpAddress(Arrays.copyOfRange(bytes, 12, 16));
        }
        return new IpAddress(bytes);
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** @return the 4 (IPv4) or 16 (IPv6) bytes, a copy */
    byte[] bytes() {
        return bytes.clone();
    }

    /** @return whether this is an IPv6 address (IPv4-mapped ones are IPv4) */
    public boolean isV6() {
        return bytes.length == 16;
    }

    /**
     * Who a rate limit counts: an IPv4 address on its own, an IPv6 address by its /64 network, because one
     * subscriber or server is routinely given a whole /64 and could otherwise take a fresh address for every
     * request.
     *
     * @return e.g. {@code 192.0.2.1} or {@code 2001:db8:1:2::/64}
     */
    public String rateLimitKey() {
        if (!isV6()) {
            return toString();
        }
        StringBuilder key = new StringBuilder(24);
        for (int group = 0; group < 4; group++) {
            key.append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)))
                    .append(':');
        }
        return key.append(":/64").toString();
    }

    /** @return the canonical text: dotted quad, or eight hexadecimal groups without leading zeros */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(39);
        if (!isV6()) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(bytes[i] & 0xff);
            }
            return text.toString();
        }
        for (int group = 0; group < 8; group++) {
            text.append(group == 0 ? "" : ":")
                    .append(Integer.toHexString(((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff)));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return 4 bytes, or null unless {@code s} is exactly four decimal numbers 0-255 without leading zeros */
    private static byte[] parseV4(String s) {
        if (s.isEmpty() || s.length() > 15) {
            return null;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            out[i] = (byte) value;
        }
        return out;
    }

    /** @return 16 bytes, or null unless {@code s} is an IPv6 address in RFC 4291 text form (no zone) */
    private static byte[] parseV6(String s) {
        if (s.length() < 2 || s.length() > MAX_TEXT) {
            return null;
        }
        // A trailing dotted quad stands for the last two groups: parse it, then read it as "0:0".
        byte[] v4 = null;
        String groupsText = s;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            v4 = parseV4(s.substring(lastColon + 1));
            if (v4 == null) {
                return null;
            }
            groupsText = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = groupsText.indexOf("::");
        if (gap >= 0 && groupsText.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = gap < 0 ? groupsText.split(":", -1) : groups(groupsText.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : groups(groupsText.substring(gap + 2));
        if (gap < 0 ? head.length != 8 : head.length + tail.length > 7) {
            return null;
        }
        String[] all = new String[8];
        Arrays.fill(all, "0");
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            int value = hexGroup(all[i]);
            if (value < 0) {
                return null;
            }
            out[2 * i] = (byte) (value >> 8);
            out[2 * i + 1] = (byte) value;
        }
        if (v4 != null) {
            System.arraycopy(v4, 0, out, 12, 4);
        }
        return out;
    }

    private static String[] groups(String text) {
        return text.isEmpty() ? new String[0] : text.split(":", -1);
    }

    /** @return the group's value, or -1 unless it is 1 to 4 ASCII hexadecimal digits */
    private static int hexGroup(String group) {
        if (group.isEmpty() || group.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
