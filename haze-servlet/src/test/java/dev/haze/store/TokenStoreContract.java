package dev.haze.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.StorageException;
import dev.haze.store.ConsumeResult.Status;
import dev.haze.token.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link TokenStore} contract, run against every implementation: extend it and return a new, empty
 * store from {@link #newStore()}. Time moves through the instants passed to the store, never by sleeping.
 * Instants are whole milliseconds, the precision every store keeps.
 */
public abstract class TokenStoreContract {
    /** The instant every test starts at. */
    protected static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    /** A link's lifetime in these tests. */
    protected static final Duration LIFETIME = Duration.ofMinutes(15);

    /**
     * Threads released at once by {@link #race}. A store on a connection pool needs at least this many
     * connections for all of them to be in the database at the same time.
     */
    protected static final int RACE_THREADS = 32;

    private static final int RACE_ROUNDS = 200;

    /** The store under test, new for each test. */
    protected TokenStore store;
    /** {@value #RACE_THREADS} threads for races, reused by every round of a test. */
    protected ExecutorService threads;

    /**
     * @return a new store holding no tokens, requests or counters; closed after each test
     */
    protected abstract TokenStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        threads = Executors.newFixedThreadPool(RACE_THREADS);
    }

    @AfterEach
    void closeStore() {
        threads.shutdownNow();
        store.close();
    }

    /**
     * @param id a token id
     * @return an unused token for it, created at {@link #T0}, expiring {@link #LIFETIME} later
     */
    protected static StoredToken token(String id) {
        return StoredToken.issued(TokenHashes.of(id), "user-" + id, Serialization.MSGPACK.write(Map.of("k", "v")),
                "/next/" + id, T0, T0.plus(LIFETIME));
    }

    /**
     * @param requestId a request id
     * @param tokenId the id of its link's token
     * @return a PENDING request created at {@link #T0}, expiring {@link #LIFETIME} later
     */
    protected static LoginRequest request(String requestId, String tokenId) {
        return new LoginRequest(TokenHashes.of(requestId), TokenHashes.of(tokenId), "user@example.com", "42",
                TokenHashes.of("code-" + requestId), "Firefox on Linux", T0, T0.plus(LIFETIME),
                LoginRequestState.PENDING, 0);
    }

    /** @return {@code request("req", "tok")}, saved in the store */
    protected LoginRequest savedRequest() {
        LoginRequest saved = request("req", "tok");
        store.saveLoginRequest(saved);
        return saved;
    }

    // ---- tokens --------------------------------------------------------------------------------------

    @Test
    void findsASavedTokenUnchanged() {
        StoredToken saved = token("a");
        StoredToken noNextPath = StoredToken.issued(TokenHashes.of("b"), "user-b", new byte[0], null, T0,
                T0.plusSeconds(1));
        store.save(saved);
        store.save(noNextPath);

        assertThat(store.find(saved.tokenHash())).contains(saved);
        assertThat(store.find(noNextPath.tokenHash())).contains(noNextPath);
        assertThat(store.find(TokenHashes.of("unknown"))).isEmpty();
    }

    @Test
    void refusesASecondTokenWithTheSameHash() {
        store.save(token("a"));

        assertThatThrownBy(() -> store.save(token("a")))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("save token: ").hasMessageContaining("already exists");
    }

    @Test
    void consumesAnUnusedTokenOnce() {
        StoredToken saved = token("a");
        store.save(saved);
        Instant now = T0.plusSeconds(60);

        ConsumeResult first = store.consume(saved.tokenHash(), now);
        ConsumeResult second = store.consume(saved.tokenHash(), now.plusSeconds(1));

        assertThat(first.status()).isEqualTo(Status.CONSUMED);
        assertThat(first.token().consumedAt()).isEqualTo(now);
        assertThat(first.token().useCount()).isEqualTo(1);
        assertThat(first.token().userId()).isEqualTo("user-a");
        assertThat(first.token().nextPath()).isEqualTo("/next/a");
        assertThat(second.status()).isEqualTo(Status.ALREADY_USED);
        assertThat(second.token().consumedAt()).isEqualTo(now);
        assertThat(store.find(saved.tokenHash())).get().extracting(StoredToken::consumedAt).isEqualTo(now);
    }

    @Test
    void reportsAnUnknownTokenAsNotFound() {
        assertThat(store.consume(TokenHashes.of("nobody"), T0)).isEqualTo(ConsumeResult.notFound());
        assertThat(store.recordUse(TokenHashes.of("nobody"), T0)).isEqualTo(ConsumeResult.notFound());
    }

    @Test
    void refusesToConsumeATokenAtOrAfterItsExpiry() {
        StoredToken atExpiry = token("at");
        StoredToken beforeExpiry = token("before");
        store.save(atExpiry);
        store.save(beforeExpiry);

        ConsumeResult expired = store.consume(atExpiry.tokenHash(), atExpiry.expiresAt());
        ConsumeResult live = store.consume(beforeExpiry.tokenHash(), beforeExpiry.expiresAt().minusMillis(1));

        assertThat(expired.status()).isEqualTo(Status.EXPIRED);
        assertThat(expired.token().consumed()).isFalse();
        assertThat(store.find(atExpiry.tokenHash())).get().extracting(StoredToken::consumedAt).isNull();
        assertThat(live.status()).isEqualTo(Status.CONSUMED);
    }

    @Test
    void countsEachUseOfAReusableToken() {
        StoredToken saved = token("reusable");
        store.save(saved);

        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ConsumeResult used = store.recordUse(saved.tokenHash(), T0.plusSeconds(i));
            assertThat(used.status()).isEqualTo(Status.CONSUMED);
            assertThat(used.token().consumedAt()).isNull();
            counts.add(used.token().useCount());
        }

        assertThat(counts).containsExactly(1, 2, 3);
        assertThat(store.recordUse(saved.tokenHash(), saved.expiresAt()).status()).isEqualTo(Status.EXPIRED);
        assertThat(store.find(saved.tokenHash())).get().extracting(StoredToken::useCount).isEqualTo(3);
    }

    @Test
    void deletesAToken() {
        StoredToken saved = token("a");
        store.save(saved);

        assertThat(store.delete(saved.tokenHash())).isTrue();
        assertThat(store.delete(saved.tokenHash())).isFalse();
        assertThat(store.find(saved.tokenHash())).isEmpty();
        assertThat(store.consume(saved.tokenHash(), T0).status()).isEqualTo(Status.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Serialization.class)
    void keepsMetadataBytesExactly(Serialization format) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "Zoë Ångström 🦊");
        metadata.put("age", 42);
        metadata.put("score", 2.5);
        metadata.put("admin", true);
        metadata.put("nothing", null);
        metadata.put("roles", List.of("a", "b"));
        metadata.put("address", Map.of("city", "Zürich"));
        byte[] bytes = format.write(metadata);
        store.save(StoredToken.issued(TokenHashes.of("m"), "u", bytes, null, T0, T0.plus(LIFETIME)));

        byte[] read = store.consume(TokenHashes.of("m"), T0).token().metadata();

        assertThat(read).isEqualTo(bytes);
        assertThat(Serialization.read(read)).isEqualTo(Serialization.read(bytes)).containsEntry("name", "Zoë Ångström 🦊");
    }

    @Test
    void consumesOnlyOnceUnderConcurrency() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            StoredToken saved = token("race-" + round);
            store.save(saved);
            Instant now = T0.plusSeconds(1);
            List<ConsumeResult> results = race(() -> store.consume(saved.tokenHash(), now));

            assertThat(results).as("round %d", round)
                    .filteredOn(r -> r.status() == Status.CONSUMED).hasSize(1);
            assertThat(results).as("round %d", round)
                    .filteredOn(r -> r.status() == Status.ALREADY_USED).hasSize(RACE_THREADS - 1);
        }
    }

    @Test
    void countsEveryConcurrentUseOfAReusableToken() throws Exception {
        StoredToken saved = token("reusable");
        store.save(saved);

        List<ConsumeResult> results = race(() -> store.recordUse(saved.tokenHash(), T0.plusSeconds(1)));

        assertThat(results).extracting(ConsumeResult::status).containsOnly(Status.CONSUMED);
        assertThat(results).extracting(r -> r.token().useCount())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, RACE_THREADS).boxed().toList());
        assertThat(store.find(saved.tokenHash())).get().extracting(StoredToken::useCount).isEqualTo(RACE_THREADS);
    }

    // ---- login requests ------------------------------------------------------------------------------

    @Test
    void findsALoginRequestByItsHashAndByItsToken() {
        LoginRequest saved = request("req", "tok");
        LoginRequest withoutCode = new LoginRequest(TokenHashes.of("req2"), TokenHashes.of("tok2"), "u", "7", null,
                null, T0, T0.plus(LIFETIME), LoginRequestState.PENDING, 0);
        store.saveLoginRequest(saved);
        store.saveLoginRequest(withoutCode);

        assertThat(store.findLoginRequest(saved.requestHash())).contains(saved);
        assertThat(store.findLoginRequestByToken(TokenHashes.of("tok"))).contains(saved);
        assertThat(store.findLoginRequest(withoutCode.requestHash())).contains(withoutCode);
        assertThat(store.findLoginRequest(TokenHashes.of("other"))).isEmpty();
        assertThat(store.findLoginRequestByToken(TokenHashes.of("other"))).isEmpty();
    }

    @Test
    void refusesASecondLoginRequestWithTheSameHash() {
        store.saveLoginRequest(request("req", "tok"));

        assertThatThrownBy(() -> store.saveLoginRequest(request("req", "tok-other")))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("save login request: ").hasMessageContaining("already exists");
    }

    @Test
    void movesALoginRequestOnlyFromTheExpectedState() {
        LoginRequest saved = savedRequest();
        String hash = saved.requestHash();
        Instant now = T0.plusSeconds(5);

        assertThat(store.transitionLoginRequest(hash, LoginRequestState.APPROVED, LoginRequestState.REDEEMED, now))
                .isFalse();
        assertThat(store.transitionLoginRequest(hash, LoginRequestState.PENDING, LoginRequestState.APPROVED, now))
                .isTrue();
        assertThat(store.transitionLoginRequest(hash, LoginRequestState.PENDING, LoginRequestState.APPROVED, now))
                .isFalse();
        assertThat(store.findLoginRequest(hash)).get().extracting(LoginRequest::state)
                .isEqualTo(LoginRequestState.APPROVED);
        assertThat(store.transitionLoginRequest(TokenHashes.of("unknown"), LoginRequestState.PENDING,
                LoginRequestState.APPROVED, now)).isFalse();
    }

    @Test
    void movesAnExpiredLoginRequestOnlyToExpired() {
        LoginRequest saved = savedRequest();
        Instant expiry = saved.expiresAt();

        assertThat(store.transitionLoginRequest(saved.requestHash(), LoginRequestState.PENDING,
                LoginRequestState.APPROVED, expiry)).isFalse();
        assertThat(store.transitionLoginRequest(saved.requestHash(), LoginRequestState.PENDING,
                LoginRequestState.EXPIRED, expiry.plusSeconds(60))).isTrue();
        assertThat(store.findLoginRequest(saved.requestHash())).get().extracting(LoginRequest::state)
                .isEqualTo(LoginRequestState.EXPIRED);
    }

    @Test
    void movesALoginRequestOnceUnderConcurrency() throws Exception {
        LoginRequest saved = savedRequest();
        List<Boolean> moved = race(() -> store.transitionLoginRequest(saved.requestHash(),
                LoginRequestState.PENDING, LoginRequestState.APPROVED, T0.plusSeconds(1)));

        assertThat(moved).containsOnlyOnce(true);
    }

    @Test
    void approvingKeepsTheRequestAndItsTokenForRedemptionPastTheirExpiry() {
        StoredToken link = token("tok");
        store.save(link);
        LoginRequest saved = savedRequest();
        String hash = saved.requestHash();
        Instant expiry = saved.expiresAt();
        Instant approvedAt = expiry.minusSeconds(1);
        Instant redeemBy = approvedAt.plusSeconds(120);

        assertThat(store.approveLoginRequest(hash, redeemBy, approvedAt)).isTrue();
        assertThat(store.approveLoginRequest(hash, redeemBy, approvedAt)).as("only a PENDING request").isFalse();
        assertThat(store.findLoginRequest(hash)).get()
                .returns(LoginRequestState.APPROVED, LoginRequest::state)
                .returns(redeemBy, LoginRequest::expiresAt);
        assertThat(store.find(link.tokenHash())).get().extracting(StoredToken::expiresAt).isEqualTo(redeemBy);

        Instant afterExpiry = expiry.plusSeconds(10);
        assertThat(store.purgeExpired(afterExpiry, 100)).as("neither is purged at the old expiry").isZero();
        assertThat(store.transitionLoginRequest(hash, LoginRequestState.APPROVED, LoginRequestState.REDEEMED,
                afterExpiry)).isTrue();
        assertThat(store.purgeExpired(redeemBy, 100)).as("both are purged at the new one").isEqualTo(2);
        assertThat(store.findLoginRequest(hash)).isEmpty();
        assertThat(store.find(link.tokenHash())).isEmpty();
    }

    @Test
    void approvingNeverShortensAnExpiryNorApprovesAnExpiredRequest() {
        LoginRequest early = request("early", "early-tok");
        LoginRequest late = request("late", "late-tok");
        store.saveLoginRequest(early);
        store.saveLoginRequest(late);

        assertThat(store.approveLoginRequest(early.requestHash(), T0.plusSeconds(60), T0)).isTrue();
        assertThat(store.findLoginRequest(early.requestHash())).get().extracting(LoginRequest::expiresAt)
                .as("never shortened").isEqualTo(early.expiresAt());
        assertThat(store.approveLoginRequest(late.requestHash(), late.expiresAt().plusSeconds(120),
                late.expiresAt())).isFalse();
        assertThat(store.findLoginRequest(late.requestHash())).get()
                .returns(LoginRequestState.PENDING, LoginRequest::state)
                .returns(late.expiresAt(), LoginRequest::expiresAt);
        assertThat(store.approveLoginRequest(TokenHashes.of("unknown"), T0.plusSeconds(60), T0)).isFalse();
    }

    @Test
    void approvesALoginRequestOnceUnderConcurrency() throws Exception {
        LoginRequest saved = savedRequest();
        List<Boolean> approved = race(() -> store.approveLoginRequest(saved.requestHash(),
                T0.plus(LIFETIME).plusSeconds(60), T0.plusSeconds(1)));

        assertThat(approved).containsOnlyOnce(true);
    }

    @Test
    void countsWrongCodesAndDeniesTheRequestAtTheLimit() {
        LoginRequest saved = savedRequest();
        String hash = saved.requestHash();
        Instant now = T0.plusSeconds(10);

        assertThat(store.recordFailedCode(hash, 3, now)).isEqualTo(1);
        assertThat(store.recordFailedCode(hash, 3, now)).isEqualTo(2);
        assertThat(store.findLoginRequest(hash)).get().extracting(LoginRequest::state)
                .isEqualTo(LoginRequestState.PENDING);
        assertThat(store.recordFailedCode(hash, 3, now)).isEqualTo(3);
        assertThat(store.findLoginRequest(hash)).get()
                .returns(LoginRequestState.DENIED, LoginRequest::state)
                .returns(3, LoginRequest::failedCodeAttempts);
        assertThat(store.recordFailedCode(hash, 3, now)).isEqualTo(-1);
    }

    @Test
    void countsExactlyTheAllowedWrongCodesUnderConcurrency() throws Exception {
        LoginRequest saved = savedRequest();
        int limit = 5;

        List<Integer> counts = race(() -> store.recordFailedCode(saved.requestHash(), limit, T0.plusSeconds(1)));

        assertThat(counts).filteredOn(c -> c > 0).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(counts).filteredOn(c -> c <= 0).hasSize(RACE_THREADS - limit).containsOnly(-1);
        assertThat(store.findLoginRequest(saved.requestHash())).get()
                .returns(LoginRequestState.DENIED, LoginRequest::state)
                .returns(limit, LoginRequest::failedCodeAttempts);
    }

    @Test
    void ignoresWrongCodesForUnknownOrExpiredRequests() {
        LoginRequest saved = savedRequest();

        assertThat(store.recordFailedCode(TokenHashes.of("unknown"), 3, T0)).isEqualTo(-1);
        assertThat(store.recordFailedCode(saved.requestHash(), 3, saved.expiresAt())).isEqualTo(-1);
        assertThat(store.findLoginRequest(saved.requestHash())).get()
                .extracting(LoginRequest::failedCodeAttempts).isEqualTo(0);
    }

    // ---- counters ------------------------------------------------------------------------------------

    @Test
    void countsWithinAWindowAndRestartsAnExpiredOne() {
        Instant end = T0.plusSeconds(60);

        assertThat(store.incrementCounter("ip:1", end, T0)).isEqualTo(1);
        assertThat(store.incrementCounter("ip:1", end, T0.plusSeconds(1))).isEqualTo(2);
        assertThat(store.incrementCounter("ip:2", end, T0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.incrementCounter("ip:1", end.plusSeconds(30), end.minusMillis(1))).isEqualTo(3);
        Instant nextEnd = end.plusSeconds(60);
        assertThat(store.incrementCounter("ip:1", nextEnd, end)).isEqualTo(1);
        assertThat(store.incrementCounter("ip:1", nextEnd.plusSeconds(60), nextEnd.minusSeconds(1))).isEqualTo(2);
        assertThat(store.incrementCounter("ip:1", nextEnd.plusSeconds(60), nextEnd)).isEqualTo(1);
    }

    @Test
    void countsEveryConcurrentIncrement() throws Exception {
        int perThread = 10;
        List<List<Long>> results = race(() -> {
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                counts.add(store.incrementCounter("hot", T0.plusSeconds(60), T0));
            }
            return counts;
        });
        Set<Long> all = new HashSet<>();
        results.forEach(all::addAll);

        assertThat(all).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, (long) RACE_THREADS * perThread).boxed().toList());
    }

    // ---- purge ---------------------------------------------------------------------------------------

    @Test
    void purgesAtMostTheLimitOfEachKind() {
        Instant soon = T0.plusSeconds(60);
        for (int i = 0; i < 150; i++) {
            store.save(StoredToken.issued(TokenHashes.of("old-" + i), "u", new byte[0], null, T0, soon));
        }
        for (int i = 0; i < 3; i++) {
            store.saveLoginRequest(new LoginRequest(TokenHashes.of("r" + i), TokenHashes.of("rt" + i), "u", "1",
                    null, "", T0, soon, LoginRequestState.PENDING, 0));
            store.incrementCounter("c" + i, soon, T0);
        }
        StoredToken live = token("live");
        store.save(live);
        Instant later = soon.plusSeconds(1);

        assertThat(store.purgeExpired(later, 100)).isEqualTo(106);
        assertThat(store.purgeExpired(later, 100)).isEqualTo(50);
        assertThat(store.purgeExpired(later, 100)).isZero();
        assertThat(store.find(live.tokenHash())).isPresent();
        assertThat(store.find(TokenHashes.of("old-7"))).isEmpty();
        assertThat(store.findLoginRequest(TokenHashes.of("r1"))).isEmpty();
        assertThat(store.incrementCounter("c1", later.plusSeconds(60), later)).isEqualTo(1);
    }

    @Test
    void aLaterWritePurgesExpiredEntries() {
        Instant soon = T0.plusSeconds(60);
        for (int i = 0; i < 5; i++) {
            store.save(StoredToken.issued(TokenHashes.of("old-" + i), "u", new byte[0], null, T0, soon));
        }
        Instant later = T0.plus(Duration.ofHours(1));

        store.save(StoredToken.issued(TokenHashes.of("new"), "u", new byte[0], null, later, later.plus(LIFETIME)));

        for (int i = 0; i < 5; i++) {
            assertThat(store.find(TokenHashes.of("old-" + i))).isEmpty();
        }
        assertThat(store.find(TokenHashes.of("new"))).isPresent();
    }

    @Test
    void aWriteKeepsEntriesExpiredLessThanThePurgeGraceAgo() {
        StoredToken old = StoredToken.issued(TokenHashes.of("old"), "u", new byte[0], null, T0, T0.plusSeconds(60));
        StoredToken recent = token("recent");
        store.save(old);
        store.save(recent);
        store.saveLoginRequest(request("req", "recent"));
        // A write whose clock is just under the grace past the recent token's expiry.
        Instant write = recent.expiresAt().plus(TokenStore.PURGE_GRACE).minusMillis(1);

        store.save(StoredToken.issued(TokenHashes.of("new"), "u", new byte[0], null, write, write.plus(LIFETIME)));
        store.saveLoginRequest(new LoginRequest(TokenHashes.of("req-new"), TokenHashes.of("new"), "u", "1", null, "",
                write, write.plus(LIFETIME), LoginRequestState.PENDING, 0));
        store.incrementCounter("k", write.plusSeconds(60), write);

        assertThat(store.find(old.tokenHash())).as("expired by more than the grace").isEmpty();
        assertThat(store.findLoginRequest(TokenHashes.of("req"))).isPresent();
        // Haze judges expiry at its clock less the clock leeway, at most the grace: the link still works.
        assertThat(store.consume(recent.tokenHash(), write.minus(TokenStore.PURGE_GRACE)).status())
                .isEqualTo(Status.CONSUMED);
    }

    /**
     * Runs one task on every thread of {@code threads}, released at the same moment.
     *
     * @param task what each thread does
     * @param <T> the task's result
     * @return every thread's result
     * @throws Exception the first failure of a task
     */
    protected <T> List<T> race(Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < RACE_THREADS; t++) {
            futures.add(threads.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
