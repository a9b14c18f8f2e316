package dev.haze;

import com.auth0.jwt.interfaces.DecodedJWT;
import dev.haze.InvalidTokenException.Reason;
import dev.haze.store.ConsumeResult;
import dev.haze.store.InMemoryTokenStore;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import dev.haze.token.IdGenerator;
import dev.haze.token.LinkTokenCodec;
import dev.haze.token.Serialization;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Magic-link authentication: generate a link for a user, verify it when it comes back.
 *
 * <pre>{@code
 * Haze haze = Haze.builder()
 *     .baseUrl("https://myapp.com")
 *     .secretKey(System.getenv("HAZE_SECRET"))
 *     .build();
 * MagicLink link = haze.generate("user123", Map.of("name", "John Doe"));
 * // … send link.url() to the user. When it is opened (GET), show a confirm page without consuming it:
 * haze.open(tokenId, signature);
 * // When the confirm page's button POSTs back, consume it:
 * VerifiedToken token = haze.verify(tokenId, signature);
 * }</pre>
 *
 * <p>A link is {@code {base-url}{magic-link-path}?token_id={id}&signature={jwt}}. The JWT proves the
 * link was issued here and when it expires; the user id and metadata stay in the {@link TokenStore},
 * under the SHA-256 of the token id. Verification checks the signature and claims first (no I/O), so a
 * forged link never reaches the store, then consumes the token in one atomic store operation.
 *
 * <p>Immutable and thread-safe: build one per application and share it. It needs no servlet API.
 */
public final class Haze {

    /** The largest serialized metadata accepted, in bytes. */
    public static final int MAX_METADATA_BYTES = 4096;
    /** The longest user id accepted, in characters. */
    public static final int MAX_USER_ID_LENGTH = 255;
    /** The longest token id accepted when verifying, in characters ({@link IdGenerator#MAX_LENGTH}). */
    public static final int MAX_TOKEN_ID_LENGTH = IdGenerator.MAX_LENGTH;
    /** What a token id may hold: unreserved URL characters (RFC 3986), at most {@link #MAX_TOKEN_ID_LENGTH}. */
    private static final java.util.regex.Pattern TOKEN_ID = java.util.regex.Pattern.compile(
            "[A-Za-z0-9._~-]{1," + MAX_TOKEN_ID_LENGTH + "}");

    private final HazeConfig config;
    private final LinkTokenCodec codec;
    private final IdGenerator idGenerator;
    private final TokenStore store;
    private final Events events;
    private final Clock clock;

    Haze(HazeConfig config, LinkTokenCodec codec, IdGenerator idGenerator, TokenStore store,
         java.util.List<HazeListener> listeners, Clock clock) {
        this.config = config;
        this.codec = codec;
        this.idGenerator = idGenerator;
        this.store = store;
        this.events = new Events(listeners);
        this.clock = clock;
    }

    /** @return a builder; {@code baseUrl} and a key are required */
    public static HazeBuilder builder() {
        return new HazeBuilder();
    }

    /**
     * Builds from string options (kebab-case names; see {@link HazeBuilder#options(Map)}).
     *
     * @param options e.g. {@code base-url}, {@code secret-key}, {@code link-expiry}
     * @return a ready instance with an in-memory store
     * @throws ConfigurationException naming the option that is unknown, missing or wrong
     */
    public static Haze fromOptions(Map<String, String> options) {
        return builder().options(options).build();
    }

    /** @return the validated configuration */
    public HazeConfig config() {
        return config;
    }

    /** @return the store holding this instance's tokens, login requests and counters */
    public TokenStore store() {
        return store;
    }

    /** @return the clock this instance judges time by */
    public Clock clock() {
        return clock;
    }

    /** @return the listeners, combined into one that never throws */
    public HazeListener events() {
        return events;
    }

    /**
     * Generates a link with the configured expiry.
     *
     * @param userId who the link signs in; 1 to 255 characters
     * @param metadata JSON-compatible values kept with the link on the server (never in the URL); may be null
     * @return the link
     * @throws IllegalArgumentException for a blank or over-long user id, or metadata that is not
     *     JSON-compatible, nests maps and lists more than 32 levels deep, contains itself, or is larger than
     *     {@value #MAX_METADATA_BYTES} bytes serialized
     * @throws StorageException if the store fails
     * @throws ConfigurationException naming {@code id-generator} if a custom {@link IdGenerator} made an id
     *     that is not 1 to {@value #MAX_TOKEN_ID_LENGTH} characters of {@code A-Z a-z 0-9 - . _ ~}
     */
    public MagicLink generate(String userId, Map<String, ?> metadata) {
        return generate(userId, metadata, config.linkExpiry(), null);
    }

    /**
     * Generates a link with its own expiry.
     *
     * @param userId who the link signs in
     * @param metadata JSON-compatible values, or null
     * @param expiry how long this link works: 1 second to 7 days, as {@code link-expiry} (whole seconds; a
     *     fraction is dropped)
     * @return the link
     * @throws IllegalArgumentException as {@link #generate(String, Map)}, or for an expiry out of range
     */
    public MagicLink generate(String userId, Map<String, ?> metadata, Duration expiry) {
        return generate(userId, metadata, expiry, null);
    }

    /**
     * Generates a link that remembers where to continue after sign-in.
     *
     * @param userId who the link signs in
     * @param metadata JSON-compatible values, or null
     * @param expiry how long this link works: 1 second to 7 days (whole seconds)
     * @param nextPath a path to continue to after sign-in, kept on the server; the caller validates it is
     *     same-site. May be null.
     * @return the link
     * @throws IllegalArgumentException as {@link #generate(String, Map, Duration)}
     */
    public MagicLink generate(String userId, Map<String, ?> metadata, Duration expiry, String nextPath) {
        requireUserId(userId);
        Objects.requireNonNull(expiry, "expiry");
        if (!HazeConfig.isValidLinkExpiry(expiry)) {
            throw new IllegalArgumentException("expiry must be between 1 second and "
                    + HazeConfig.MAX_LINK_EXPIRY.toDays() + " days (as link-expiry), was " + expiry);
        }
        byte[] serialized = config.serialization().write(metadata == null ? Map.of() : metadata);
        if (serialized.length > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata is " + serialized.length + " bytes serialized; at most "
                    + MAX_METADATA_BYTES + " are accepted (keep large data in your own tables)");
        }
        Instant now = clock.instant();
        // JWT times have whole-second precision; keep the store's expiry identical to the JWT's.
        Instant issuedAt = Instant.ofEpochSecond(now.getEpochSecond());
        Instant expiresAt = issuedAt.plusSeconds(expiry.toSeconds());
        String tokenId = requireValidTokenId(idGenerator.newId());
        String jwt = codec.sign(tokenId, issuedAt, expiresAt);
        store.save(StoredToken.issued(TokenHashes.of(tokenId), userId, serialized, nextPath, issuedAt, expiresAt));
        URI url = URI.create(config.linkEndpoint() + "?token_id=" + encode(tokenId) + "&signature=" + encode(jwt));
        events.linkGenerated(userId, expiresAt);
        return new MagicLink(url, tokenId, expiresAt);
    }

    /**
     * Verifies a link and, for one-time links, consumes it: under any number of concurrent calls with the
     * same link, exactly one succeeds. With {@code allow-reuse}, counts a use and succeeds until expiry.
     *
     * @param tokenId the link's {@code token_id}
     * @param signature the link's {@code signature}
     * @return who the link signs in
     * @throws InvalidTokenException with the {@link Reason}; never another exception type for a bad link
     * @throws StorageException if the store fails (the link is then not reported valid)
     */
    public VerifiedToken verify(String tokenId, String signature) {
        VerifiedToken token = claim(tokenId, signature);
        events.verified(token);
        return token;
    }

    /**
     * {@link #verify} without the {@link HazeListener#verified} event: for a step that spends a link but
     * signs no one in (a cross-device approval or refusal). {@link CrossDeviceSignIn} fires {@code verified}
     * itself when a browser is actually signed in. A rejection is reported as by {@code verify}.
     */
    VerifiedToken claim(String tokenId, String signature) {
        return reportingRejection(() -> {
            DecodedJWT jwt = checkSignature(tokenId, signature);
            String hash = TokenHashes.of(tokenId);
            Instant now = judgeInstant();
            ConsumeResult result = config.allowReuse() ? store.recordUse(hash, now) : store.consume(hash, now);
            if (result.status() != ConsumeResult.Status.CONSUMED) {
                throw rejected(result.status());
            }
            return toVerified(tokenId, jwt, result.token());
        });
    }

    /**
     * Checks a link without consuming it and fires {@link HazeListener#linkOpened}: what to call when a
     * browser opens a link and a confirm page is shown before sign-in.
     *
     * @param tokenId the link's {@code token_id}
     * @param signature the link's {@code signature}
     * @return who the link would sign in ({@code useCount} as stored)
     * @throws InvalidTokenException with the {@link Reason}
     * @throws StorageException if the store fails
     */
    public VerifiedToken open(String tokenId, String signature) {
        return reportingRejection(() -> {
            VerifiedToken token = inspect(tokenId, signature);
            events.linkOpened(token);
            return token;
        });
    }

    /**
     * Checks a link without consuming it and without firing any event (for {@code HEAD} requests,
     * previews and tests).
     *
     * @param tokenId the link's {@code token_id}
     * @param signature the link's {@code signature}
     * @return who the link would sign in
     * @throws InvalidTokenException with the {@link Reason}
     * @throws StorageException if the store fails
     */
    public VerifiedToken inspect(String tokenId, String signature) {
        DecodedJWT jwt = checkSignature(tokenId, signature);
        StoredToken stored = store.find(TokenHashes.of(tokenId)).orElseThrow(
                () -> rejected(ConsumeResult.Status.NOT_FOUND));
        if (stored.consumed()) {
            throw rejected(ConsumeResult.Status.ALREADY_USED);
        }
        if (stored.expiredAt(judgeInstant())) {
            throw rejected(ConsumeResult.Status.EXPIRED);
        }
        return toVerified(tokenId, jwt, stored);
    }

    /**
     * Parses a whole link and verifies it (consuming a one-time link). The link must point at this
     * instance's base URL and magic-link path; its query parameters are percent-decoded.
     *
     * @param url a link as generated by {@link #generate}
     * @return who the link signs in
     * @throws InvalidTokenException MALFORMED when the URL is not one of this instance's links, or as
     *     {@link #verify}
     */
    public VerifiedToken validate(String url) {
        LinkParameters parameters = reportingRejection(() -> LinkParameters.parse(url, config));
        return verify(parameters.tokenId(), parameters.signature());
    }

    /**
     * Makes a link unusable at once (for example when it could not be delivered).
     *
     * @param tokenId the link's token id
     * @return true if a stored token was removed
     * @throws StorageException if the store fails
     */
    public boolean revoke(String tokenId) {
        return store.delete(TokenHashes.of(tokenId));
    }

    /** Runs a check, telling the listeners about a rejection before it propagates. */
    private <T> T reportingRejection(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidTokenException e) {
            events.rejected(e.reason());
            throw e;
        }
    }

    private DecodedJWT checkSignature(String tokenId, String signature) {
        if (tokenId != null && tokenId.length() > MAX_TOKEN_ID_LENGTH) {
            throw new InvalidTokenException(Reason.MALFORMED, "token_id is longer than " + MAX_TOKEN_ID_LENGTH
                    + " characters");
        }
        return codec.verify(tokenId, signature);
    }

    /** The instant store expiry is judged by: the clock less the leeway, matching the JWT check. */
    private Instant judgeInstant() {
        return clock.instant().minus(config.clockLeeway());
    }

    private VerifiedToken toVerified(String tokenId, DecodedJWT jwt, StoredToken stored) {
        Map<String, Object> metadata;
        try {
            metadata = Serialization.read(stored.metadata());
        } catch (IllegalArgumentException e) {
            throw new StorageException("read token: stored metadata cannot be decoded", e);
        }
        return new VerifiedToken(tokenId, stored.userId(), metadata, jwt.getIssuedAtAsInstant(),
                stored.expiresAt(), stored.useCount(), stored.nextPath());
    }

    private static InvalidTokenException rejected(ConsumeResult.Status status) {
        return switch (status) {
            case NOT_FOUND -> new InvalidTokenException(Reason.NOT_FOUND,
                    "the link's token is not in the store (revoked, purged, or issued against another store)");
            case ALREADY_USED -> new InvalidTokenException(Reason.ALREADY_USED, "the link has already been used");
            case EXPIRED -> new InvalidTokenException(Reason.EXPIRED, "the link has expired");
            case CONSUMED -> throw new IllegalStateException("not a rejection");
        };
    }

    /**
     * Refuses an id from the {@link IdGenerator} that no link could carry back (too long to verify, empty,
     * or with characters that need encoding): better no link than one that can never sign anyone in.
     */
    static String requireValidTokenId(String tokenId) {
        if (tokenId == null || !TOKEN_ID.matcher(tokenId).matches()) {
            throw new ConfigurationException("id-generator: the IdGenerator made an id "
                    + (tokenId == null ? "that is null" : "of " + tokenId.length() + " characters")
                    + "; ids must be 1 to " + MAX_TOKEN_ID_LENGTH + " characters of A-Z a-z 0-9 - . _ ~");
        }
        return tokenId;
    }

    private static void requireUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        if (userId.length() > MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("userId is longer than " + MAX_USER_ID_LENGTH + " characters");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Builder defaults that need no configuration. */
    static TokenStore defaultStore() {
        return new InMemoryTokenStore();
    }
}
