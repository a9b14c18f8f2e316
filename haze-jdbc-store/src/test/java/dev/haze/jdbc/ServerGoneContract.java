package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.haze.StorageException;
import dev.haze.store.ConsumeResult;
import dev.haze.store.ConsumeResult.Status;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database server ends the store's connections under it, in a database of the test's own: all of them
 * while new ones are refused (the server is gone, then comes back), or one while it waits inside a
 * consume's transaction. Nothing may report success meanwhile, no consume may win twice, nothing may be
 * half-written, and the store must recover without a restart. A subclass supplies the server's way of
 * ending connections and refusing new ones.
 */
abstract class ServerGoneContract {
    /** The instant the tests start at. */
    protected static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    /** The database the tests own: created before and dropped after each test. */
    protected static final String DATABASE = "haze_failure_test";

    private static final String TOKENS = JdbiStoreOptions.defaults().tablePrefix() + "tokens";
    private static final long WAIT_SECONDS = 30;

    /** @return the server, as the subclass registered it; its own database and pool serve as the admin's */
    protected abstract TestDatabase server();

    /** Creates {@link #DATABASE} (dropping a leftover of an aborted run) and whatever else the test needs. */
    protected abstract void createDatabase() throws SQLException;

    /** Drops {@link #DATABASE} and whatever else {@link #createDatabase()} made. */
    protected abstract void dropDatabase() throws SQLException;

    /**
     * @param size the pool's size
     * @param connectionTimeoutMillis how long a borrow waits
     * @return a pool on {@link #DATABASE} whose connections {@link #stopServer()} ends
     */
    protected abstract HikariDataSource storePool(int size, long connectionTimeoutMillis);

    /** @return a connection to {@link #DATABASE} that plays another application node; never ended */
    protected abstract Connection otherNode() throws SQLException;

    /** Ends every connection of {@link #storePool} and refuses new ones. */
    protected abstract void stopServer() throws SQLException;

    /** Accepts connections of {@link #storePool} again. */
    protected abstract void startServer() throws SQLException;

    /** @return the server's ids of the connections to {@link #DATABASE} waiting for a row lock */
    protected abstract List<Long> connectionsWaitingForALock() throws SQLException;

    /** @param id a connection to end, as {@link #connectionsWaitingForALock()} names it */
    protected abstract void endConnection(long id) throws SQLException;

    @BeforeEach
    void create() throws SQLException {
        createDatabase();
    }

    @AfterEach
    void drop() throws SQLException {
        startServer();
        dropDatabase();
    }

    @Test
    void failsWhileTheServerIsGoneAndRecoversWithoutRestart() throws SQLException {
        try (HikariDataSource pool = storePool(4, 500);
             JdbiTokenStore store = JdbiTokenStore.create(pool, JdbiStoreOptions.defaults())) {
            store.save(token("a"));

            stopServer();
            assertThatThrownBy(() -> store.consume(TokenHashes.of("a"), T0.plusSeconds(1)))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("consume token: ");
            assertThatThrownBy(() -> store.save(token("b")))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("save token: ");
            assertThatThrownBy(() -> store.incrementCounter("k", T0.plusSeconds(60), T0))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("increment counter: ");
            startServer();
            awaitRecovery(store);

            assertThat(store.consume(TokenHashes.of("a"), T0.plusSeconds(2)).status()).isEqualTo(Status.CONSUMED);
            assertThat(store.consume(TokenHashes.of("a"), T0.plusSeconds(3)).status())
                    .isEqualTo(Status.ALREADY_USED);
            assertThat(store.find(TokenHashes.of("b"))).isEmpty();
            assertThat(store.incrementCounter("k", T0.plusSeconds(60), T0)).isEqualTo(1);
        }
    }

    @Test
    void aConsumeWhoseConnectionIsEndedMidTransactionRetriesAndLosesToTheNodeThatWon() throws Exception {
        try (HikariDataSource pool = storePool(4, 5_000);
             JdbiTokenStore store = JdbiTokenStore.create(pool, JdbiStoreOptions.defaults())) {
            store.save(token("a"));

            ConsumeResult result = consumeEndedWhileWaiting(store, "a", true);

            assertThat(result.status()).isEqualTo(Status.ALREADY_USED);
            assertThat(result.token().consumedAt()).as("the other node's consumption").isEqualTo(T0);
            assertThat(store.find(TokenHashes.of("a"))).get()
                    .returns(T0, StoredToken::consumedAt).returns(1, StoredToken::useCount);
            assertWorks(store);
        }
    }

    @Test
    void aConsumeWhoseConnectionIsEndedMidTransactionRetriesAndWinsOnce() throws Exception {
        try (HikariDataSource pool = storePool(4, 5_000);
             JdbiTokenStore store = JdbiTokenStore.create(pool, JdbiStoreOptions.defaults())) {
            store.save(token("a"));

            ConsumeResult result = consumeEndedWhileWaiting(store, "a", false);

            assertThat(result.status()).isEqualTo(Status.CONSUMED);
            assertThat(store.find(TokenHashes.of("a"))).get()
                    .returns(T0.plusSeconds(1), StoredToken::consumedAt).returns(1, StoredToken::useCount);
            assertThat(store.consume(TokenHashes.of("a"), T0.plusSeconds(2)).status()).isEqualTo(Status.ALREADY_USED);
            assertWorks(store);
        }
    }

    /**
     * Another node locks the token's row; the store's consume (at T0 + 1 s) waits for it inside its
     * transaction, and the server ends that connection. The store must retry on a fresh connection, which
     * waits again; then the other node consumes the token itself (at T0) and commits, or rolls back.
     *
     * @return what the store's consume answered
     */
    private ConsumeResult consumeEndedWhileWaiting(JdbiTokenStore store, String tokenId, boolean otherNodeConsumes)
            throws Exception {
        String hash = TokenHashes.of(tokenId);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection other = otherNode()) {
            other.setAutoCommit(false);
            update(other, "SELECT token_hash FROM " + TOKENS + " WHERE token_hash = ? FOR UPDATE", hash);
            Future<ConsumeResult> consume = thread.submit(() -> store.consume(hash, T0.plusSeconds(1)));

            long waiting = awaitWaitingConnection(consume, -1);
            endConnection(waiting);
            awaitWaitingConnection(consume, waiting);
            if (otherNodeConsumes) {
                update(other, "UPDATE " + TOKENS + " SET consumed_at = " + T0.toEpochMilli() + ", use_count = 1"
                        + " WHERE token_hash = ?", hash);
                other.commit();
            } else {
                other.rollback();
            }
            return consume.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * Waits until a connection other than {@code ended} waits for a row lock. The consume ends early if
     * it was not retried: then its failure is the test's.
     */
    private long awaitWaitingConnection(Future<ConsumeResult> consume, long ended) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            for (long id : connectionsWaitingForALock()) {
                if (id != ended) {
                    return id;
                }
            }
            if (consume.isDone()) {
                throw new AssertionError("the consume ended instead of waiting for the row lock again: "
                        + consume.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no connection waits for the row lock after " + WAIT_SECONDS + " s");
            }
            Thread.sleep(10);
        }
    }

    /**
     * The pool reconnects on its own, with a back-off: the first calls after the database comes back may
     * still fail. Recovery means a call succeeds within a bounded time, with the same store object.
     */
    private static void awaitRecovery(JdbiTokenStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try {
                store.find(TokenHashes.of("probe"));
                return;
            } catch (StorageException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the store did not recover within " + WAIT_SECONDS + " s", e);
                }
            }
        }
    }

    private static void assertWorks(JdbiTokenStore store) {
        store.save(token("after"));
        assertThat(store.consume(TokenHashes.of("after"), T0.plusSeconds(5)).status()).isEqualTo(Status.CONSUMED);
    }

    private static StoredToken token(String id) {
        return StoredToken.issued(TokenHashes.of(id), "u", new byte[0], null, T0, T0.plusSeconds(900));
    }

    /** Runs one statement as the server's admin (in the configured database, not {@link #DATABASE}). */
    protected void admin(String sql) throws SQLException {
        try (Connection c = server().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return the first column of every row of an admin's query, as numbers */
    protected List<Long> ids(String query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = server().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static void update(Connection c, String sql, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, hash);
            if (s.execute()) {
                try (ResultSet rs = s.getResultSet()) {
                    assertThat(rs.next()).as("the row to lock exists").isTrue();
                }
            }
        }
    }
}
