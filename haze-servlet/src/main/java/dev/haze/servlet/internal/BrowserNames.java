package dev.haze.servlet.internal;

/**
 * A coarse description of a browser from its User-Agent ("Firefox on Linux"), for the "requested from"
 * line of a sign-in message. Deliberately coarse: no versions, nothing that fingerprints.
 */
final class BrowserNames {
    private static final String[][] BROWSERS = {
        {"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}};
    private static final String[][] SYSTEMS = {
        {"Android", "Android"}, {"iPhone", "iOS"}, {"iPad", "iPadOS"}, {"Windows", "Windows"},
        {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"}};

    private BrowserNames() {
    }

    /**
     * @param userAgent the User-Agent header, or null
     * @return e.g. "Firefox on Linux", or "" when nothing is recognised
     */
    static String describe(String userAgent) {
        if (userAgent == null || userAgent.length() > 1024) {
            return "";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null) {
            return system == null ? "" : system;
        }
        return system == null ? browser : browser + " on " + system;
    }

    private static String first(String[][] table, String userAgent) {
        for (String[] entry : table) {
            if (userAgent.contains(entry[0])) {
                return entry[1];
            }
        }
        return null;
    }
}
