package dev.haze.servlet.internal;

/**
 * One entry of {@code trusted-proxies}: a single address ({@code 10.0.0.7}, {@code ::1}, {@code [::1]})
 * or a CIDR range ({@code 10.0.0.0/8}, {@code fd00::/8}). A range of IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.0.0.0/104}) is the IPv4 range it maps. Immutable and thread-safe.
 */
public final class IpRange {
    private final IpAddress network;
    private final int prefixLength;

    private IpRange(IpAddress network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * @param text an address or {@code address/prefix-length}
     * @return the range, or null when the text is not one (no name is ever looked up)
     */
    public static IpRange parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.isV6() ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String length = s.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}")) {
                return null;
            }
            prefix = Integer.parseInt(length);
            if (s.indexOf(':') >= 0 && !address.isV6()) {
                prefix -= 96; // ::ffff:a.b.c.d/n was read as the IPv4 address a.b.c.d
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
        }
        return new IpRange(IpAddress.of(mask(address.bytes(), prefix)), prefix);
    }

    /**
     * @param address an address
     * @return whether it lies in this range (an IPv4 address is never in an IPv6 range, nor the reverse)
     */
    public boolean contains(IpAddress address) {
        return address.isV6() == network.isV6()
                && network.equals(IpAddress.of(mask(address.bytes(), prefixLength)));
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return bytes;
    }

    /** @return e.g. {@code 10.0.0.0/8} or {@code fd00:0:0:0:0:0:0:0/8} */
    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
