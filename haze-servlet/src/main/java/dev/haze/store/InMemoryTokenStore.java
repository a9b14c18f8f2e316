package dev.haze.store;

import dev.haze.StorageException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bounded {@link TokenStore} in this JVM's memory: for tests, development and single-node deployments.
 * Its state is lost on restart and is not shared between nodes; use the JDBC store for those.
 *
 * <p>Atomic operations use {@link ConcurrentHashMap#compute}. Each write that adds an entry first drops a
 * small batch of entries expired more than {@link #PURGE_GRACE} ago, found in O(log n) through an
 * expiry-ordered index (no background thread).
 *
 * <p><b>When full.</b> Tokens, login requests and rate-limit counters are each bounded by
 * {@code maxEntries} (default {@value #DEFAULT_MAX_ENTRIES}). An entry counts until it has been expired for
 * {@link TokenStore#PURGE_GRACE}, even once consumed, and is never evicted early: when a kind is full, all
 * its entries past that grace are purged, and if it is still full, the write that would add one more fails
 * with a {@link StorageException} ({@code "save token: the in-memory store is full …"}), so
 * {@code generate} fails and no link is sent. Writes succeed again as soon as entries are past the grace or
 * are deleted. The bound is exact under any number of concurrent writers: additions of one kind take turns
 * (a short lock around the size check and the insert), while reads, consumes and deletes never wait for it.
 *
 * <p>Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {

    /** The default most entries of each kind. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private static final int PURGE_BATCH = 64;

    private final int maxEntries;
    /** token hash → request hash, kept in step with {@link #requests} (dropped when a request is purged). */
    private final ConcurrentHashMap<String, String> requestByToken = new ConcurrentHashMap<>();
    private final Expiring<StoredToken> tokens = new Expiring<>(StoredToken::expiresAt, (k, v) -> { });
    private final Expiring<LoginRequest> requests = new Expiring<>(LoginRequest::expiresAt,
            (k, v) -> requestByToken.remove(v.tokenHash(), k));
    private final Expiring<Counter> counters = new Expiring<>(Counter::windowEnd, (k, v) -> { });

    private record Counter(long count, Instant windowEnd) {
    }

    /** A map plus an index of its keys ordered by expiry; the index may hold stale keys, checked on purge. */
    private static final class Expiring<V> {
        private record Due(Instant at, String key) {
        }

        final ConcurrentHashMap<String, V> map = new ConcurrentHashMap<>();
        private final ConcurrentSkipListSet<Due> due = new ConcurrentSkipListSet<>(
                Comparator.comparing(Due::at).thenComparing(Due::key));
        private final Function<V, Instant> expiry;
        private final BiConsumer<String, V> onPurge;

        Expiring(Function<V, Instant> expiry, BiConsumer<String, V> onPurge) {
            this.expiry = expiry;
            this.onPurge = onPurge;
        }

        void indexed(String key, V value) {
            due.add(new Due(expiry.apply(value), key));
        }

        int purge(Instant now, int limit) {
            int removed = 0;
            while (removed < limit) {
                Due first = due.pollFirst();
                if (first == null) {
                    break;
                }
                if (first.at().isAfter(now)) {
                    due.add(first);
                    break;
                }
                AtomicReference<V> gone = new AtomicReference<>();
                map.computeIfPresent(first.key(), (k, v) -> {
                    if (expiry.apply(v).isAfter(now)) {
                        return v;
                    }
                    gone.set(v);
                    return null;
                });
                if (gone.get() != null) {
                    onPurge.accept(first.key(), gone.get());
                    removed++;
                }
            }
            return removed;
        }

        /**
         * Runs an update that may add {@code key}, once there is room for it. Additions are serialized by this
         * lock and everything else only removes entries, so the size seen here cannot grow before the
         * update runs: checking and inserting in two steps without it let concurrent writers pass the bound.
         * Only entries expired more than {@link TokenStore#PURGE_GRACE} before {@code now} are purged.
         */
        synchronized <R> R adding(String key, int maxEntries, String operation, Instant now, Supplier<R> update) {
            Instant expiredBy = now.minus(PURGE_GRACE);
            purge(expiredBy, PURGE_BATCH);
            if (!map.containsKey(key) && map.size() >= maxEntries) {
                purge(expiredBy, Integer.MAX_VALUE);
                if (map.size() >= maxEntries) {
                    throw new StorageException(operation + ": the in-memory store is full (" + maxEntries
                            + " live entries); use a larger maxEntries or the JDBC store");
                }
            }
            return update.get();
        }
    }

    /** A store holding at most {@value #DEFAULT_MAX_ENTRIES} entries of each kind. */
    public InMemoryTokenStore() {
        this(DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxEntries the most tokens (and, separately, login requests and counters) kept at once; a write
     *     that would add one more than this fails with a {@link StorageException} (see the class comment)
     * @throws IllegalArgumentException if {@code maxEntries < 1}
     */
    public InMemoryTokenStore(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException also when {@code maxEntries} live tokens are held (the store is full)
     */
    @Override
    public void save(StoredToken token) {
        tokens.adding(token.tokenHash(), maxEntries, "save token", token.createdAt(), () -> {
            if (tokens.map.putIfAbsent(token.tokenHash(), token) != null) {
                throw new StorageException("save token: a token with this hash already exists");
            }
            tokens.indexed(token.tokenHash(), token);
            return null;
        });
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return Optional.ofNullable(tokens.map.get(tokenHash));
    }

    @Override
    public ConsumeResult consume(String tokenHash, Instant now) {
        return claim(tokenHash, now, true);
    }

    @Override
    public ConsumeResult recordUse(String tokenHash, Instant now) {
        return claim(tokenHash, now, false);
    }

    /** One atomic step: a live, unconsumed token is consumed (one-time) or has its use counted (reusable). */
    private ConsumeResult claim(String tokenHash, Instant now, boolean consume) {
        AtomicReference<ConsumeResult> result = new AtomicReference<>(ConsumeResult.notFound());
        tokens.map.computeIfPresent(tokenHash, (hash, current) -> {
            if (current.consumed() || current.expiredAt(now)) {
                result.set(ConsumeResult.lost(current, now));
                return current;
            }
            StoredToken claimed = new StoredToken(current.tokenHash(), current.userId(), current.metadata(),
                    current.nextPath(), current.createdAt(), current.expiresAt(), consume ? now : null,
                    consume ? 1 : current.useCount() + 1);
            result.set(new ConsumeResult(ConsumeResult.Status.CONSUMED, claimed));
            return claimed;
        });
        return result.get();
    }

    @Override
    public boolean delete(String tokenHash) {
        return tokens.map.remove(tokenHash) != null;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException also when {@code maxEntries} live login requests are held (the store is full)
     */
    @Override
    public void saveLoginRequest(LoginRequest request) {
        requests.adding(request.requestHash(), maxEntries, "save login request", request.createdAt(), () -> {
            if (requests.map.putIfAbsent(request.requestHash(), request) != null) {
                throw new StorageException("save login request: a request with this hash already exists");
            }
            requests.indexed(request.requestHash(), request);
            requestByToken.put(request.tokenHash(), request.requestHash());
            return null;
        });
    }

    @Override
    public Optional<LoginRequest> findLoginRequest(String requestHash) {
        return Optional.ofNullable(requests.map.get(requestHash));
    }

    @Override
    public Optional<LoginRequest> findLoginRequestByToken(String tokenHash) {
        String requestHash = requestByToken.get(tokenHash);
        if (requestHash == null) {
            return Optional.empty();
        }
        LoginRequest request = requests.map.get(requestHash);
        if (request == null || !request.tokenHash().equals(tokenHash)) {
            requestByToken.remove(tokenHash, requestHash);
            return Optional.empty();
        }
        return Optional.of(request);
    }

    @Override
    public boolean transitionLoginRequest(String requestHash, LoginRequestState expected, LoginRequestState next,
                                          Instant now) {
        boolean[] moved = {false};
        requests.map.computeIfPresent(requestHash, (hash, current) -> {
            boolean live = next == LoginRequestState.EXPIRED || current.expiresAt().isAfter(now);
            if (current.state() == expected && live) {
                moved[0] = true;
                return current.withState(next);
            }
            return current;
        });
        return moved[0];
    }

    @Override
    public boolean approveLoginRequest(String requestHash, Instant redeemBy, Instant now) {
        AtomicReference<LoginRequest> approved = new AtomicReference<>();
        requests.map.computeIfPresent(requestHash, (hash, current) -> {
            if (current.state() != LoginRequestState.PENDING || !current.expiresAt().isAfter(now)) {
                return current;
            }
            approved.set(new LoginRequest(current.requestHash(), current.tokenHash(), current.userId(),
                    current.matchCode(), current.fallbackCodeHash(), current.requestedBy(), current.createdAt(),
                    later(current.expiresAt(), redeemBy), LoginRequestState.APPROVED, current.failedCodeAttempts()));
            return approved.get();
        });
        LoginRequest request = approved.get();
        if (request == null) {
            return false;
        }
        // Index the new expiries: a purge drops an entry's old index key even when it keeps the entry.
        requests.indexed(requestHash, request);
        StoredToken kept = tokens.map.computeIfPresent(request.tokenHash(), (hash, current) ->
                new StoredToken(current.tokenHash(), current.userId(), current.metadata(), current.nextPath(),
                        current.createdAt(), later(current.expiresAt(), redeemBy), current.consumedAt(),
                        current.useCount()));
        if (kept != null) {
            tokens.indexed(request.tokenHash(), kept);
        }
        return true;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public int recordFailedCode(String requestHash, int maxAttempts, Instant now) {
        int[] attempts = {-1};
        requests.map.computeIfPresent(requestHash, (hash, current) -> {
            if (current.state() != LoginRequestState.PENDING || !current.expiresAt().isAfter(now)) {
                return current;
            }
            int failed = current.failedCodeAttempts() + 1;
            attempts[0] = failed;
            LoginRequestState state = failed >= maxAttempts ? LoginRequestState.DENIED : LoginRequestState.PENDING;
            return new LoginRequest(current.requestHash(), current.tokenHash(), current.userId(),
                    current.matchCode(), current.fallbackCodeHash(), current.requestedBy(), current.createdAt(),
                    current.expiresAt(), state, failed);
        });
        return attempts[0];
    }

    /**
     * {@inheritDoc}
     *
     * @throws StorageException also when a new counter is needed and {@code maxEntries} live counters are
     *     held (the store is full)
     */
    @Override
    public long incrementCounter(String key, Instant windowEnd, Instant now) {
        boolean[] created = {false};
        BiFunction<String, Counter, Counter> increment = (k, current) -> {
            if (current == null || !current.windowEnd().isAfter(now)) {
                created[0] = true;
                return new Counter(1, windowEnd);
            }
            return new Counter(current.count() + 1, current.windowEnd());
        };
        // An existing counter is counted without the addition lock; only a new key has to wait for room.
        Counter updated = counters.map.computeIfPresent(key, increment);
        if (updated == null) {
            updated = counters.adding(key, maxEntries, "increment counter", now,
                    () -> counters.map.compute(key, increment));
        }
        if (created[0]) {
            counters.indexed(key, updated);
        }
        return updated.count();
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        return tokens.purge(now, limit) + requests.purge(now, limit) + counters.purge(now, limit);
    }

    /** @return how many tokens are held (for tests and monitoring) */
    public int tokenCount() {
        return tokens.map.size();
    }
}
