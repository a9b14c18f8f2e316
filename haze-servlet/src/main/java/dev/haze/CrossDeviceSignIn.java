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
import java.time.Duration;
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
 *       code approves; with a wrong one denies. (Number matching: someone who started a request elsewhere
 *       cannot get it approved blindly with better than 1/3 odds, and a wrong pick ends the request.)
 *       {@link #signInHere} signs the phone in instead; {@link #deny} ("this wasn't me") ends the request.</li>
 *   <li>The desktop's next poll sees APPROVED and calls {@link #redeem}, which succeeds exactly once. An
 *       approval keeps the request redeemable for at least {@link #REDEMPTION_WINDOW}, even past the
 *       request's expiry, so one given in the last seconds is not lost.</li>
 *   <li>Fallback: the email also carries a one-time code; {@link #submitCode} on the desktop signs in.
 *       The code is bound to the request, has {@value #CODE_DIGITS} digits, and {@value #MAX_CODE_ATTEMPTS}
 *       wrong tries deny the request.</li>
 * </ol>
 *
 * <p><b>The link.</b> Signing a browser in ({@link #signInHere}, {@link #submitCode}) and approving use the
 * link like {@link Haze#verify}: a one-time link is spent, a reusable one ({@code allow-reuse}) counts a use
 * and keeps working until it expires. A refusal (a wrong pick, {@link #deny}, the last wrong code) always
 * spends it, even a reusable one: a refused request leaves nothing behind that signs in.
 *
 * <p><b>Events.</b> {@link HazeListener#verified} fires exactly when a browser is signed in: by
 * {@link #signInHere}, {@link #redeem} and a right {@link #submitCode} (the latter two with a token whose
 * {@code tokenId} is the link's hash, the id itself not being stored). {@link #approve} fires
 * {@link HazeListener#crossDeviceApproved}; a wrong pick, {@link #deny} and the last wrong code fire
 * {@link HazeListener#crossDeviceDenied}, and never {@code verified}. A bad link fires
 * {@link HazeListener#rejected}.
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
    /**
     * How long an approved request stays redeemable at least, counted from the approval: the requesting
     * device polls every few seconds (at most every 15), so an approval just before expiry is still
     * picked up.
     */
    public static final Duration REDEMPTION_WINDOW = Duration.ofMinutes(2);

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
        /** Refused (wrong matching code, "this wasn't me", or the last wrong code): the request is denied. */
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
        abandon(started.requestId());
    }

    /**
     * Ends a pending request its device no longer waits on (it asked for another link): the request
     * expires at once, so its link no longer shows an approval page whose right number is on no screen.
     * The link itself stays usable until it expires, on the ordinary confirm page of whichever browser
     * opens it. Does nothing to a request that is no longer pending or unknown.
     *
     * @param requestId the requesting device's secret for the earlier request
     * @throws StorageException if the store fails
     */
    public void abandon(String requestId) {
        if (plausibleId(requestId)) {
            store.transitionLoginRequest(TokenHashes.of(requestId), LoginRequestState.PENDING,
                    LoginRequestState.EXPIRED, now());
        }
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
     * Redeems an approved request: succeeds for exactly one caller, and fires {@link HazeListener#verified}.
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
        return store.findLoginRequest(requestHash).flatMap(r -> store.find(r.tokenHash())).map(this::signedIn);
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
     * Approves (right code) or denies (wrong code) the request the link belongs to. The link is used first
     * (so of concurrent choices one wins), without {@link HazeListener#verified}: no one is signed in yet.
     * Right: the request is APPROVED and stays redeemable for at least {@link #REDEMPTION_WINDOW}, and
     * {@link HazeListener#crossDeviceApproved} fires. Wrong: the request is DENIED, the link spent (even a
     * reusable one), and {@link HazeListener#crossDeviceDenied} fires.
     *
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @param chosenCode the code the user picked
     * @return APPROVED, DENIED, or ENDED when the request was no longer pending
     * @throws InvalidTokenException if the link is not valid (already used, expired, forged…)
     */
    public Outcome approve(String tokenId, String signature, String chosenCode) {
        VerifiedToken token = haze.claim(tokenId, signature);
        Optional<LoginRequest> request = store.findLoginRequestByToken(TokenHashes.of(tokenId));
        if (request.isEmpty()) {
            return Outcome.ENDED;
        }
        LoginRequest r = request.get();
        boolean right = chosenCode != null && MessageDigest.isEqual(r.matchCode().getBytes(StandardCharsets.US_ASCII),
                chosenCode.getBytes(StandardCharsets.US_ASCII));
        if (!right) {
            return refuse(r);
        }
        Instant now = now();
        if (!store.approveLoginRequest(r.requestHash(), now.plus(REDEMPTION_WINDOW), now)) {
            return Outcome.ENDED;
        }
        haze.events().crossDeviceApproved(token.userId());
        return Outcome.APPROVED;
    }

    /**
     * Refuses the request the link belongs to ("this wasn't me"): the link is spent (even a reusable one)
     * and the request DENIED, so neither the requesting device nor anyone holding the link can sign in with
     * it. Fires {@link HazeListener#crossDeviceDenied}, never {@code verified}.
     *
     * @param tokenId the link's token id
     * @param signature the link's signature
     * @return DENIED, or ENDED when the request was no longer pending (or the link has none)
     * @throws InvalidTokenException if the link is not valid (already used, expired, forged…)
     */
    public Outcome deny(String tokenId, String signature) {
        haze.claim(tokenId, signature);
        return store.findLoginRequestByToken(TokenHashes.of(tokenId)).map(this::refuse).orElse(Outcome.ENDED);
    }

    /** Denies a pending request, spends its link and tells the listeners; ENDED if it was not pending. */
    private Outcome refuse(LoginRequest request) {
        if (!store.transitionLoginRequest(request.requestHash(), LoginRequestState.PENDING, LoginRequestState.DENIED,
                now())) {
            return Outcome.ENDED;
        }
        denied(request);
        return Outcome.DENIED;
    }

    /**
     * A request was denied: its link is spent (a one-time link already is; a reusable one, or the link of
     * a request burnt by wrong codes, is consumed now) and the listeners hear of it.
     */
    private void denied(LoginRequest request) {
        store.consume(request.tokenHash(), judgeInstant());
        if (!request.userId().isEmpty()) { // a decoy has no user to tell about
            haze.events().crossDeviceDenied(request.userId());
        }
    }

    /**
     * Signs in on the device that opened the link instead of the requesting one (or the requesting
     * browser itself): uses the link as {@link Haze#verify} does (firing {@link HazeListener#verified}) and
     * ends the request as REDEEMED, so it cannot be approved later.
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
     * Signs the requesting device in with the fallback code from the email. Right: the link is used as
     * {@link Haze#verify} would (spent, or a use counted with {@code allow-reuse}), the request REDEEMED and
     * {@link HazeListener#verified} fired. The last wrong try denies the request, spends the link and fires
     * {@link HazeListener#crossDeviceDenied}.
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
                denied(request); // the store already moved it to DENIED with this last wrong code
                return new CodeResult(Outcome.DENIED, null, 0);
            }
            return new CodeResult(Outcome.WRONG_CODE, null, MAX_CODE_ATTEMPTS - failures);
        }
        ConsumeResult used = haze.config().allowReuse() ? store.recordUse(request.tokenHash(), judgeInstant())
                : store.consume(request.tokenHash(), judgeInstant());
        if (used.status() != ConsumeResult.Status.CONSUMED
                || !store.transitionLoginRequest(requestHash, LoginRequestState.PENDING, LoginRequestState.REDEEMED,
                        now())) {
            return new CodeResult(Outcome.ENDED, null, 0);
        }
        return new CodeResult(Outcome.SIGNED_IN, signedIn(used.token()), 0);
    }

    /** The requesting device is signed in as the link's user: tells the listeners. */
    private VerifiedToken signedIn(StoredToken stored) {
        // The token id is not known here (only its hash is stored); the hash stands in, never a secret.
        VerifiedToken token = new VerifiedToken(stored.tokenHash(), stored.userId(),
                Serialization.read(stored.metadata()), stored.createdAt(), stored.expiresAt(), stored.useCount(),
                stored.nextPath());
        haze.events().verified(token);
        return token;
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

    /** The instant a link's stored expiry is judged by, as {@link Haze#verify} judges it. */
    private Instant judgeInstant() {
        return now().minus(haze.config().clockLeeway());
    }
}
