package dev.haze.servlet.internal;

/**
 * Decides whether a {@code next} value may be redirected to after sign-in: only a same-site path.
 * The value must start with one {@code /} followed by something other than {@code /} or {@code \}
 * (browsers read {@code //host} and {@code /\host} as another site), be at most 512 characters, and hold
 * only printable ASCII without {@code \} (so no CR/LF header injection, no tab or space tricks). Percent
 * escapes are kept as they are: {@code /%2F%2Fevil.example} stays a path on this site.
 *
 * <p>{@code " < >} and {@code `} are refused too: browsers percent-encode them in the paths and queries they
 * send, so a real page's address never holds them, while a crafted {@code next} that the login form echoes
 * would. Pages escape every value anyway; this keeps markup out of them in the first place.
 */
public final class NextPaths {
    /** The longest {@code next} path accepted. */
    public static final int MAX_LENGTH = 512;

    private NextPaths() {
    }

    /**
     * @param value a candidate {@code next} path, or null
     * @return true when it is a safe same-site path
     */
    public static boolean isSafe(String value) {
        if (value == null || value.length() < 1 || value.length() > MAX_LENGTH || value.charAt(0) != '/') {
            return false;
        }
        if (value.length() > 1 && (value.charAt(1) == '/' || value.charAt(1) == '\\')) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\' || c == '"' || c == '<' || c == '>' || c == '`') {
                return false;
            }
        }
        return true;
    }
}
