package dev.haze.servlet.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Servlet url-patterns ({@code /exact}, {@code /prefix/*}, {@code *.ext}) compiled once for a cheap match:
 * a set lookup and a few {@code startsWith}/{@code endsWith} calls, no allocation. Immutable, thread-safe.
 */
public final class PathPatterns {
    private final Set<String> exact = new HashSet<>();
    private final String[] prefixes;
    private final String[] suffixes;

    /** @param patterns validated url-patterns */
    public PathPatterns(List<String> patterns) {
        List<String> pre = new ArrayList<>();
        List<String> suf = new ArrayList<>();
        for (String p : patterns) {
            if (p.endsWith("/*")) {
                String base = p.substring(0, p.length() - 2);
                pre.add(base);
            } else if (p.startsWith("*.")) {
                suf.add(p.substring(1));
            } else {
                exact.add(p);
            }
        }
        prefixes = pre.toArray(String[]::new);
        suffixes = suf.toArray(String[]::new);
    }

    /**
     * @param path the request's path inside the application (servlet path plus path info)
     * @return true if any pattern matches
     */
    public boolean matches(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        for (String suffix : suffixes) {
            if (path.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }
}
