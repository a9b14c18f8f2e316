package dev.haze.store;

import dev.haze.HazeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where Haze keeps the state of magic links: tokens, cross-device login requests and rate-limit
 * counters. Keeping all of it here lets several application nodes share one store and behave as one.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Keys are hashes ({@link TokenHashes#of(String)}), computed by Haze before it calls the store:
 *       a store never sees a token id, a request id or a code.</li>
 *   <li>{@link #consume} is one atomic compare-and-set: under any number of concurrent calls for the
 *       same unused token, exactly one returns {@link ConsumeResult.Status#CONSUMED}.</li>
 *   <li>Expired entries are removed without a background thread: a bounded purge piggybacks on writes
 *       ({@link #save}, {@link #saveLoginRequest}, {@link #incrementCounter}), so no single request pays
 *       for a large delete and the store cannot grow without bound. Such a purge removes only entries
 *       expired more than {@link #PURGE_GRACE} before the write's instant (see there why).</li>
 *   <li>Every failure of the underlying storage is a {@link dev.haze.StorageException} naming the
 *       operation; a failure never reports a token as consumed.</li>
 *   <li>Every {@code now} argument is the instant expiry is judged by; an entry is expired when its
 *       expiry is at or before {@code now}.</li>
 * </ul>
 * Implementations must be thread-safe.
 */
public interface TokenStore extends AutoCloseable {

    /**
     * How long past its expiry an entry is kept before a purge piggybacked on a write may remove it: the
     * largest clock leeway Haze accepts ({@link HazeConfig#MAX_CLOCK_LEEWAY}, 5 minutes).
     *
     * <p>Why: writes carry the writer's clock ({@code createdAt}, the counter's {@code now}), while Haze
     * judges a link's expiry at its clock <em>less</em> the leeway. Purging at the writer's instant would
     * make a link inside the leeway window verify or come back NOT_FOUND depending on whether an unrelated
     * write happened in between. Explicit {@link #purgeExpired} calls are not shifted.
     */
    Duration PURGE_GRACE = HazeConfig.MAX_CLOCK_LEEWAY;

    // ---- tokens -------------------------------------------------------------------------------------

    /**
     * Stores a new token.
     *
     * @param token the token; its hash must not exist yet
     * @throws dev.haze.StorageException if it cannot be stored (including a duplicate hash)
     */
    void save(StoredToken token);

    /**
     * Reads a token without changing it (used to show a confirm page before consuming).
     *
     * @param tokenHash the hash
     * @return the token, consumed or expired ones included, or empty
     */
    Optional<StoredToken> find(String tokenHash);

    /**
     * Atomically consumes a one-time token: sets its consumed time and a use count of 1 if and only if it
     * exists, is not consumed and is not expired at {@code now}.
     *
     * @param tokenHash the hash
     * @param now the instant expiry is judged by and recorded as consumption time
     * @return CONSUMED with the updated token for exactly one caller; otherwise why not
     */
    ConsumeResult consume(String tokenHash, Instant now);

    /**
     * Atomically counts one use of a reusable token if it exists and is not expired at {@code now}.
     *
     * @param tokenHash the hash
     * @param now the instant expiry is judged by
     * @return CONSUMED with the incremented use count, or NOT_FOUND / EXPIRED
     */
    ConsumeResult recordUse(String tokenHash, Instant now);

    /**
     * Removes a token, for example when its link could not be delivered.
     *
     * @param tokenHash the hash
     * @return true if a token was removed
     */
    boolean delete(String tokenHash);

    // ---- cross-device login requests --------------------------------------------------------------

    /**
     * Stores a new cross-device login request.
     *
     * @param request the request; its hash must not exist yet
     */
    void saveLoginRequest(LoginRequest request);

    /**
     * @param requestHash hash of the request id held by the requesting browser
     * @return the request as stored (its state not adjusted for expiry), or empty
     */
    Optional<LoginRequest> findLoginRequest(String requestHash);

    /**
     * @param tokenHash hash of the token id of the link sent for the request
     * @return the request that link belongs to, or empty
     */
    Optional<LoginRequest> findLoginRequestByToken(String tokenHash);

    /**
     * Atomically moves a request from one state to another, if it is in {@code expected} and not expired
     * at {@code now} (moving to {@link LoginRequestState#EXPIRED} ignores expiry).
     *
     * @param requestHash the request's hash
     * @param expected the state it must be in
     * @param next the state to move to
     * @param now the instant expiry is judged by
     * @return true for exactly one of any number of concurrent callers that asked for the same move
     */
    boolean transitionLoginRequest(String requestHash, LoginRequestState expected, LoginRequestState next,
                                   Instant now);

    /**
     * Atomically approves a request: moves it from PENDING to {@link LoginRequestState#APPROVED} if it is
     * PENDING and not expired at {@code now}, and in the same operation keeps the request and its link's
     * token (the one {@link LoginRequest#tokenHash()} names, if still stored) until at least
     * {@code redeemBy}: each one's expiry becomes the later of its own and {@code redeemBy}. So an approval
     * given just before expiry can still be redeemed, and is not purged first. (The link itself does not
     * work longer: its signed expiry is checked before the store is asked.)
     *
     * @param requestHash the request's hash
     * @param redeemBy until when the approved request must stay redeemable
     * @param now the instant expiry is judged by
     * @return true for exactly one of any number of concurrent callers
     */
    boolean approveLoginRequest(String requestHash, Instant redeemBy, Instant now);

    /**
     * Atomically records one wrong fallback code for a PENDING request; when the count reaches
     * {@code maxAttempts} the request becomes {@link LoginRequestState#DENIED} in the same operation.
     *
     * @param requestHash the request's hash
     * @param maxAttempts wrong codes allowed before the request is burnt
     * @param now the instant expiry is judged by
     * @return the number of wrong codes now recorded, or -1 if the request is unknown, not PENDING, or expired
     */
    int recordFailedCode(String requestHash, int maxAttempts, Instant now);

    // ---- rate-limit counters ----------------------------------------------------------------------

    /**
     * Atomically adds one to a fixed-window counter, creating it at 1 if it does not exist or has expired.
     * Callers make the key unique per window (and should hash anything personal in it).
     *
     * @param key the counter's key, at most 128 characters
     * @param windowEnd when the counter expires
     * @param now the current instant
     * @return the count after this increment
     */
    long incrementCounter(String key, Instant windowEnd, Instant now);

    // ---- housekeeping -----------------------------------------------------------------------------

    /**
     * Deletes at most {@code limit} expired entries of each kind. Stores call this themselves on writes
     * with the write's instant less {@link #PURGE_GRACE}; it is public so applications and tests can run
     * it explicitly.
     *
     * @param now entries expired at or before this instant are removed
     * @param limit the most entries of each kind to remove in this call
     * @return how many entries were removed
     */
    int purgeExpired(Instant now, int limit);

    /** Releases resources the store owns (a connection pool, for example). The default does nothing. */
    @Override
    default void close() {
    }
}
