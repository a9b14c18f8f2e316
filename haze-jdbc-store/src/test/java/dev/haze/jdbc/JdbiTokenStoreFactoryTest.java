package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.haze.store.ConsumeResult.Status;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three ways to open a store (on a {@code DataSource}, on a {@link Jdbi}, on a URL with a pool of its
 * own) and what {@link JdbiTokenStore#close()} closes: only the pool the store created (on H2).
 */
class JdbiTokenStoreFactoryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void runsOnACallersJdbiWithoutChangingItAndLeavesItOpen() throws SQLException {
        try (HikariDataSource callers = DB.pool(2, 5_000)) {
            Jdbi jdbi = Jdbi.create(callers);

            try (JdbiTokenStore store = JdbiTokenStore.create(jdbi, options())) {
                assertWorks(store);
            }

            assertThat(jdbi.getConfig(RowMappers.class).findFor(StoredToken.class)).as("no mapper registered").isEmpty();
            assertThat(callers.isClosed()).isFalse();
            int one = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).isEqualTo(1);
        }
    }

    @Test
    void leavesACallersDataSourceOpen() throws SQLException {
        try (HikariDataSource callers = DB.pool(2, 5_000)) {
            try (JdbiTokenStore store = JdbiTokenStore.create(callers, options())) {
                assertWorks(store);
            }

            assertThat(callers.isClosed()).isFalse();
            try (Connection c = callers.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
    }

    @Test
    void ownsAPoolNamedHazeAndClosesIt() throws SQLException {
        // Without DB_CLOSE_DELAY the in-memory database lives while a connection is open: this test's own
        // connection keeps it, and its sessions table shows the pool's connections.
        String url = "jdbc:h2:mem:owned-" + UUID.randomUUID();
        try (Connection observer = DriverManager.getConnection(url, "sa", "")) {
            long housekeepers = hazePoolHousekeepers();
            JdbiTokenStore store = JdbiTokenStore.create(url, "sa", "", JdbiStoreOptions.defaults().withPoolSize(2));
            assertWorks(store);
            assertThat(hazePoolHousekeepers()).as("a HikariCP pool named haze was started")
                    .isEqualTo(housekeepers + 1);
            assertThat(sessions(observer)).as("the pool's connections and the observer's").isGreaterThan(1);

            store.close();
            store.close();

            assertThat(sessions(observer)).as("only the observer's connection is left").isEqualTo(1);
        }
    }

    private static JdbiStoreOptions options() {
        return JdbiStoreOptions.defaults().withTablePrefix(DB.prefix());
    }

    private static void assertWorks(JdbiTokenStore store) {
        String id = UUID.randomUUID().toString();
        store.save(StoredToken.issued(TokenHashes.of(id), "u", new byte[0], null, T0, T0.plusSeconds(60)));
        assertThat(store.consume(TokenHashes.of(id), T0).status()).isEqualTo(Status.CONSUMED);
    }

    /** @return running threads of HikariCP pools named {@code haze} (it names them after the pool) */
    private static long hazePoolHousekeepers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("haze:housekeeper")).count();
    }

    private static int sessions(Connection observer) throws SQLException {
        try (Statement s = observer.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
