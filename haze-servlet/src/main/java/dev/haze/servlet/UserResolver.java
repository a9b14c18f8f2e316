package dev.haze.servlet;

import java.util.Locale;
import java.util.Optional;

/**
 * Decides who a link request is for. The default ({@link #EMAIL_AS_USER_ID}) accepts everyone and uses the
 * address in lower case as the user id. An application that only lets known users in returns empty for unknown addresses:
 * the filter then sends nothing and answers exactly as for a known address, so the answer tells an
 * attacker nothing about who has an account.
 *
 * <p>Implementations must be thread-safe and should take about the same time for known and unknown
 * addresses. A refused address skips generating and sending; the filter then holds its answer back until
 * about as long as recent real deliveries took, so response times do not reveal who has an account. Set
 * one with {@link MagicLinkFilter#setUserResolver} or the {@code user-resolver} init-param (a class with a
 * public no-argument constructor).
 */
@FunctionalInterface
public interface UserResolver {

    /**
     * Everyone may sign in; the user id is the whole address in lower case, so {@code Ada@Example.org} and
     * {@code ada@example.org} are one user. (Strictly the local part is case-sensitive, but no mail system in
     * use treats it so, and two accounts differing only in case would be a trap.) The link itself still goes
     * to the address as typed, and the link's {@code email} metadata keeps it that way.
     */
    UserResolver EMAIL_AS_USER_ID = email -> Optional.of(email.toLowerCase(Locale.ROOT));

    /**
     * @param email the normalised address (trimmed, domain lower-cased, validated)
     * @return the user id to issue the link for, or empty to send nothing (silently)
     */
    Optional<String> userIdFor(String email);
}
