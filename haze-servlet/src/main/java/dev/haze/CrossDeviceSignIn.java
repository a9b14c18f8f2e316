package dev.haze;

import dev.haze.store.ConsumeResult;
import dev.haze.store.LoginRequest;
import dev.haze.store.LoginRequestState;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import dev.haze.token.Serialization;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Cross-device sign-in: the link is requested on one device (the desktop) and opened on another (the
 * phone), and the desktop is signed in. Servlet-free; the servlet filter drives it over HTTP.
 *
 * <ol>
 *   <li>The desktop calls {@link #start}: a link is generated and a login request stored, keyed by the
 *       hash of a random request id the desktop keeps (in its session). The desktop shows a two-digit
 *       matching code and polls {@link #status}.</li>
 *   <li>The phone opens the link; {@link #pendingApproval} gives what to show: when and by what browser
 *       the request was made, and three codes, one of them the desktop's. {@link #approve} with the right
 *       code approves; with a wrong one denies. Either way the link is spent. (Number matching: someone
 *       who started a request elsewhere cannot get it approved blindly with better than 1/3 odds, and a
 *       wrong pick ends the request.) {@link #signInHere} signs the phone in instead; {@link #deny} ("this
 *       wasn't me") ends the request.</li>
 *   <li>The desktop's next poll sees APPROVED and calls {@link #redeem}, which succeeds exactly once.</li>
 *   <li>Fallback: the email also carries a one-time code; {@link #submitCode} on the desktop signs in.
 *       The code is bound to the request, has {@value #CODE_DIGITS} digits, and {@value #MAX_CODE_ATTEMPTS}
 *       wrong tries deny the request.</li>
 * </ol>
 * All state lives in the {@link TokenStore}, so the two devices may reach different nodes. For an address
 * that gets no link, {@link #startDecoy} stores a request that behaves like a real one but can never be
 * approved, so the requesting browser cannot tell the two apart. Thread-safe.
 */
public final class CrossDeviceSignIn {

    /** Digits of the fallback code sent in the email. */
    public static final int CODE_DIGITS = 6;
    /** Wrong fallback codes that deny a request. */
    public static final int MAX_CODE_ATTEMPTS = 5;
    /** How many matching codes the approving device chooses from. */
    public static final int CHOICES = 3;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Haze haze;
    private final TokenStore store;

    /** @param haze the instance whose links and store are used */
    public CrossDeviceSignIn(Haze haze) {
        this.haze = Objects.requireNonNull(haze, "haze");
        this.store = haze.store();
    }

    /**
     * What the requesting device keeps and shows. {@link #toString()} reveals none of the secrets.
     *
     * @param link the link to send (null for a {@linkplain #startDecoy decoy})
     * @param requestId the secret the requesting device keeps (in its session), never sent elsewhere
     * @param matchCode the two-digit code the requesting device shows
     * @param code the fallback code to put in the email (null for a decoy)
     * @param expiresAt when link and request expire
     */
    public record Started(MagicLink link, String requestId, String matchCode, String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Started[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * What the approving device shows.
     *
     * @param requestedAt when the request was made
     * @param requestedBy coarse description of the requesting browser
     * @param choices {@value #CHOICES} codes, one of them the requesting device's, in a fixed order per request
     */
    public record PendingApproval(Instant requestedAt, String requestedBy, List<String> choices) {
    }

    /** The outcome of {@link #approve} or {@link #submitCode}. */
    public enum Outcome {
        /** Approved: the requesting device may redeem. */
        APPROVED,
        /** Wrong matching code: the request is denied and the link spent. */
        DENIED,
        /** The fallback code was right: the requesting device is signed in. */
        SIGNED_IN,
        /** The fallback code was wrong; more tries remain. */
        WRONG_CODE,
        /** The request is no longer pending (approved, denied, expired, redeemed, or unknown). */
        ENDED
    }

    /**
     * @param outcome what happened
     * @param token for SIGNED_IN, who is signed in; otherwise null
     * @param attemptsLeft for WRONG_CODE, how many tries remain; otherwise 0
     */
    public record CodeResult(Outcome outcome, VerifiedToken token, int attemptsLeft) {
    }

    /**
     * Starts a request: generates the link and stores the login request.
     *
     * @param userId who the link is for
     * @param metadata JSON-compatible metadata, or null
     * @param nextPath where to continue after sign-in (validated by the caller), or null
     * @param requestedBy coarse description of the requesting browser, shown on the approving device
     * @return the link, the secrets for the requesting device and the code for the email
     */
    public Started start(String userId, Map<String, ?> metadata, String nextPath, String requestedBy) {
        MagicLink link = haze.generate(userId, metadata, haze.config().linkExpiry(), nextPath);
        String requestId = randomId();
        String matchCode = String.valueOf(10 + RANDOM.nextInt(90));
        String code = String.format("%0" + CODE_DIGITS + "d", RANDOM.nextInt((int) Math.pow(10, CODE_DIGITS)));
        Instant now = haze.clock().instant();
        store.saveLoginRequest(new LoginRequest(TokenHashes.of(requestId), TokenHashes.of(link.tokenId()), userId,
                matchCode, codeHash(requestId, code), truncate(requestedBy), now, link.expiresAt(),
                LoginRequestState.PENDING, 0));
        return new Started(link, requestId, matchCode, code, link.expiresAt());
    }

    /**
     * Starts a decoy request for an address that gets no link, so the requesting browser cannot tell it
     * from a real one: it is stored like a real request (pending, then expired; wrong codes are counted and
     * burn it), but no link and no code exist for it, so it can never be approved or signed in with.
     *
     * @param requestedBy coarse description of the requesting browser
     * @return a random request id and matching code; its link and code are null
     */
    public Started startDecoy(String requestedBy) {
        String requestId = randomId();
        String matchCode = String.valueOf(10 + RANDOM.nextInt(90));
        Instant now = haze.clock().instant();
        Instant expiresAt = now.plus(haze.config().linkExpiry());
        store.saveLoginRequest(new LoginRequest(TokenHashes.of(requestId), TokenHashes.of(randomId()), "",
                matchCode, null, truncate(requestedBy), now, expiresAt, LoginRequestState.PENDING, 0));
        return new Started(null, requestId, matchCode, null, expiresAt);
    }

    /**
     * Cancels a request whose link could not be delivered: the link is revoked and the request expires at
     * once, so nothing usable is left behind (no link that could be mailed later, no request to approve or
     * to guess codes for).
     *
     * @param started what {@link #start} returned
     * @throws StorageException if the store fails
     */
    public void cancel(Started started) {
        if (started.link() != null) {
            haze.revoke(started.link().tokenId());
        }
        store.transitionLoginRequest(TokenHashes.of(started.requestId()), LoginRequestState.PENDING,
                LoginRequestState.EXPIRED, now());
    }

    /**
     * The state of a request, for polling: one store read, no write.
     *
     * @param requestId the requesting device's secret
     * @return the state as of now (EXPIRED once past expiry), or empty for an unknown id
     */
    public Optional<LoginRequestState> status(String requestId) {
        if (!plausibleId(requestId)) {
            return Optional.empty();
        }
        return store.findLoginRequest(TokenHashes.of(requestId)).map(r -> r.stateAt(now()));
    }

    /**
     * Redeems an approved request: succeeds for exactly one caller.
     *
     * @param requestId the requesting device's secret
     * @return who to sign in, or empty if the request is not (or no longer) approved
     */
    public Optional<VerifiedToken> redeem(String requestId) {
        if (!plausibleId(requestId)) {
            return Optional.empty();
        }
        String requestHash = TokenHashes.of(requestId);
        if (!store.transitionLoginRequest(requestHash, LoginRequestState.APPROVED, LoginRequestState.REDEEMED, now())) {
            return Optional.empty();
        }
        return store.findLoginRequest(requestHash).flatMap(this::signedInUser);
    }

    /**
     * Tells whether a link was requested by the device holding {@code requestId} (same browser: sign in
     * directly, no approval needed).
     *
     * @param tokenId the opened link's token id
     * @param requestId the request id the opening browser holds, or null
     * @return true if the link belongs to that request
     */
    public boolean requestedBy(String tokenId, String requestId) {
        if (tokenId == null || !plausibleId(requestId)) {
            return false;
        }
        return store.findLoginRequestByToken(TokenHashes.of(tokenId))
                .map(r -> MessageDigest.isEqual(r.requestHash().getBytes(StandardCharsets.US_ASCII),
                        TokenHashes.of(requestId).getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    /**
     * What to show on the approving device, if the link belongs to a pending cross-device request. Call
     * it after {@link Haze#open} has checked the link.
     *
     * @param tokenId the opened link's token id
     * @return the request's description and the code choices, or empty when there is no pending request
     */
    public Optional<PendingApproval> pendingApproval(String tokenId) {
        return store.findLoginRequestByToken(TokenHashes.of(tokenId))
                .filter(r -> r.stateAt(now()) == LoginRequestState.PENDING)
                .map(r -> new PendingApproval(r.createdAt(), r.requestedBy(), choices(r)));
    }

    /**
     * Approves (right code) or denies (wrong code) the request the link belongs to. The link is consumed
     * first, so it is spent whatever the choice.
     *
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @param chosenCode the code the user picked
     * @return APPROVED, DENIED, or ENDED when the request was no longer pending
     * @throws InvalidTokenException if the link is not valid (already used, expired, forged…)
     */
    public Outcome approve(String tokenId, String signature, String chosenCode) {
        VerifiedToken token = haze.verify(tokenId, signature);
        Optional<LoginRequest> request = store.findLoginRequestByToken(TokenHashes.of(tokenId));
        if (request.isEmpty()) {
            return Outcome.ENDED;
        }
        LoginRequest r = request.get();
        boolean right = chosenCode != null && MessageDigest.isEqual(r.matchCode().getBytes(StandardCharsets.US_ASCII),
                chosenCode.getBytes(StandardCharsets.US_ASCII));
        LoginRequestState next = right ? LoginRequestState.APPROVED : LoginRequestState.DENIED;
        if (!store.transitionLoginRequest(r.requestHash(), LoginRequestState.PENDING, next, now())) {
            return Outcome.ENDED;
        }
        if (right) {
            haze.events().crossDeviceApproved(token.userId());
            return Outcome.APPROVED;
        }
        haze.events().crossDeviceDenied(token.userId());
        return Outcome.DENIED;
    }

    /**
     * Refuses the request the link belongs to ("this wasn't me"): the link is consumed and the request
     * DENIED, so neither the requesting device nor anyone holding the link can sign in with it.
     *
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @return DENIED, or ENDED when the request was no longer pending (or the link has none)
     * @throws InvalidTokenException if the link is not valid (already used, expired, forged…)
     */
    public Outcome deny(String tokenId, String signature) {
        VerifiedToken token = haze.verify(tokenId, signature);
        Optional<LoginRequest> request = store.findLoginRequestByToken(TokenHashes.of(tokenId));
        if (request.isEmpty() || !store.transitionLoginRequest(request.get().requestHash(), LoginRequestState.PENDING,
                LoginRequestState.DENIED, now())) {
            return Outcome.ENDED;
        }
        haze.events().crossDeviceDenied(token.userId());
        return Outcome.DENIED;
    }

    /**
     * Signs in on the device that opened the link instead of the requesting one (or the requesting
     * browser itself): consumes the link and ends the request as REDEEMED, so it cannot be approved later.
     *
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @return who to sign in on this device
     * @throws InvalidTokenException if the link is not valid
     */
    public VerifiedToken signInHere(String tokenId, String signature) {
        VerifiedToken token = haze.verify(tokenId, signature);
        store.findLoginRequestByToken(TokenHashes.of(tokenId)).ifPresent(r ->
                store.transitionLoginRequest(r.requestHash(), LoginRequestState.PENDING, LoginRequestState.REDEEMED,
                        now()));
        return token;
    }

    /**
     * Signs the requesting device in with the fallback code from the email.
     *
     * @param requestId the requesting device's secret
     * @param code the code as typed (spaces ignored)
     * @return SIGNED_IN with the user, WRONG_CODE with tries left, DENIED after the last wrong try, or ENDED
     */
    public CodeResult submitCode(String requestId, String code) {
        if (!plausibleId(requestId)) {
            return new CodeResult(Outcome.ENDED, null, 0);
        }
        String requestHash = TokenHashes.of(requestId);
        Optional<LoginRequest> found = store.findLoginRequest(requestHash);
        if (found.isEmpty() || found.get().stateAt(now()) != LoginRequestState.PENDING) {
            return new CodeResult(Outcome.ENDED, null, 0);
        }
        LoginRequest request = found.get();
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        boolean right = typed.length() == CODE_DIGITS && request.fallbackCodeHash() != null
                && MessageDigest.isEqual(request.fallbackCodeHash().getBytes(StandardCharsets.US_ASCII),
                        codeHash(requestId, typed).getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            int failures = store.recordFailedCode(requestHash, MAX_CODE_ATTEMPTS, now());
            if (failures < 0) {
                return new CodeResult(Outcome.ENDED, null, 0);
            }
            if (failures >= MAX_CODE_ATTEMPTS) {
                if (!request.userId().isEmpty()) { // a decoy has no user to tell about
                    haze.events().crossDeviceDenied(request.userId());
                }
                return new CodeResult(Outcome.DENIED, null, 0);
            }
            return new CodeResult(Outcome.WRONG_CODE, null, MAX_CODE_ATTEMPTS - failures);
        }
        ConsumeResult consumed = store.consume(request.tokenHash(), now().minus(haze.config().clockLeeway()));
        if (consumed.status() != ConsumeResult.Status.CONSUMED
                || !store.transitionLoginRequest(requestHash, LoginRequestState.PENDING, LoginRequestState.REDEEMED,
                        now())) {
            return new CodeResult(Outcome.ENDED, null, 0);
        }
        return new CodeResult(Outcome.SIGNED_IN, toToken(consumed.token()), 0);
    }

    private Optional<VerifiedToken> signedInUser(LoginRequest request) {
        return store.find(request.tokenHash()).map(this::toToken);
    }

    private VerifiedToken toToken(StoredToken stored) {
        // The token id is not known here (only its hash is stored); the hash stands in, never a secret.
        return new VerifiedToken(stored.tokenHash(), stored.userId(), Serialization.read(stored.metadata()),
                stored.createdAt(), stored.expiresAt(), stored.useCount(), stored.nextPath());
    }

    /**
     * Three codes, the request's among them, in an order fixed per request (stable across reloads) and
     * drawn from a digest of the request hash, so the real code's position is uniform.
     */
    private static List<String> choices(LoginRequest request) {
        List<String> codes = new ArrayList<>(List.of(request.matchCode()));
        ByteBuffer bits = digest("choices:" + request.requestHash());
        int position = Math.floorMod(bits.getInt(), CHOICES);
        while (codes.size() < CHOICES) {
            if (bits.remaining() < Integer.BYTES) {
                bits = digest("more:" + codes + request.requestHash());
            }
            String decoy = String.valueOf(10 + Math.floorMod(bits.getInt(), 90));
            if (!codes.contains(decoy)) {
                codes.add(decoy);
            }
        }
        codes.add(position, codes.remove(0));
        return List.copyOf(codes);
    }

    private static ByteBuffer digest(String input) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The fallback code's hash is bound to the request id, which the store never holds in clear. */
    private static String codeHash(String requestId, String code) {
        return TokenHashes.of("code:" + requestId + ":" + code);
    }

    private static boolean plausibleId(String requestId) {
        return requestId != null && requestId.length() == 43 && requestId.matches("[A-Za-z0-9_-]+");
    }

    private static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String truncate(String requestedBy) {
        if (requestedBy == null) {
            return "";
        }
        return requestedBy.length() <= 100 ? requestedBy : requestedBy.substring(0, 100);
    }

    private Instant now() {
        return haze.clock().instant();
    }
}
