package dev.haze.token;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes token ids. Ids are bearer secrets (half of a link), so they come from {@link SecureRandom} and
 * carry at least 112 bits of entropy. Implementations must be thread-safe. Every id must be 1 to
 * {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 - . _ ~} (URL-safe without encoding, and no longer
 * than verification accepts): {@code Haze} checks each id and refuses to issue a link with any other, since
 * such a link would never verify.
 */
@FunctionalInterface
public interface IdGenerator {

    /** The least entropy of a token id, in bits (NIST SP 800-63B's minimum for a secret). */
    int MIN_ENTROPY_BITS = 112;

    /** The longest token id, in characters; a link whose id is longer is refused as MALFORMED. */
    int MAX_LENGTH = 128;

    /** @return a new, unpredictable id of 1 to {@value #MAX_LENGTH} characters of {@code A-Z a-z 0-9 - . _ ~} */
    String newId();

    /**
     * NanoID: {@code size} characters from the 64-symbol URL-safe alphabet {@code A-Za-z0-9_-}, 6 bits each.
     *
     * @param size number of characters; at least 19 (114 bits), 21 is the usual default (126 bits), at most
     *     {@value #MAX_LENGTH}
     * @return a generator
     * @throws IllegalArgumentException if {@code size} gives less than {@value #MIN_ENTROPY_BITS} bits or is
     *     over {@value #MAX_LENGTH}
     */
    static IdGenerator nanoId(int size) {
        return new NanoIdGenerator(size);
    }

    /** @return a generator of random (version 4) UUIDs, 122 random bits, from {@link SecureRandom} */
    static IdGenerator uuid() {
        return () -> UUID.randomUUID().toString();
    }
}

/** NanoID; package-private behind {@link IdGenerator#nanoId(int)}. */
final class NanoIdGenerator implements IdGenerator {
    private static final char[] ALPHABET =
            "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int size;

    NanoIdGenerator(int size) {
        if (size * 6 < MIN_ENTROPY_BITS || size > MAX_LENGTH) {
            throw new IllegalArgumentException("NanoID size must be between " + (MIN_ENTROPY_BITS + 5) / 6
                    + " (" + MIN_ENTROPY_BITS + " bits of entropy) and " + MAX_LENGTH
                    + " (the longest token id a link may carry), was " + size);
        }
        this.size = size;
    }

    @Override
    public String newId() {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        char[] id = new char[size];
        for (int i = 0; i < size; i++) {
            id[i] = ALPHABET[bytes[i] & 63]; // 64 symbols: masking is unbiased
        }
        return new String(id);
    }
}
