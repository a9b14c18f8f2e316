package dev.haze.servlet.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * A strict, bounded check of email addresses typed into the sign-in form. Accepts the common
 * {@code local@domain.tld} form only: an ASCII dot-atom local part of at most 64 characters and a
 * domain of LDH labels (at most 63 characters each, at least two labels). Quoted local parts, IP
 * literals, comments and internationalised addresses are refused: they are rare in sign-in forms and a
 * frequent source of parser disagreements between our check and the mail server's. Linear time, no regex.
 */
public final class EmailAddresses {
    /** The longest address accepted (RFC 5321 path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;
    private static final String ATEXT = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddresses() {
    }

    /**
     * @param raw what the user typed, or null
     * @return the address trimmed with its domain lower-cased, or empty when it is not acceptable
     */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = s.indexOf('@');
        if (at < 1 || at != s.lastIndexOf('@')) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!validLocal(local) || !validDomain(domain)) {
            return Optional.empty();
        }
        return Optional.of(local + '@' + domain);
    }

    /**
     * The mailbox an address reaches, for counting requests: without a {@code +tag} in the local part
     * ({@code victim+1@example.org} and {@code victim+2@example.org} land in one mailbox at the providers
     * that support sub-addressing, which is most of them). Letter case is left to the
     * {@link dev.haze.RateLimiter}, which counts without it. Only for counters: links go to the address as
     * typed.
     *
     * @param normalized an address returned by {@link #normalize}
     * @return the address without its sub-address tag
     */
    public static String mailbox(String normalized) {
        int at = normalized.lastIndexOf('@');
        int plus = normalized.indexOf('+');
        return plus > 0 && plus < at ? normalized.substring(0, plus) + normalized.substring(at) : normalized;
    }

    private static boolean validLocal(String local) {
        if (local.length() > 64 || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(isAlnum(c) || c == '.' || ATEXT.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean validDomain(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isAlnum(c) || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
