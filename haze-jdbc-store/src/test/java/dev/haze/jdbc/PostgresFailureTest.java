package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.haze.StorageException;
import dev.haze.store.ConsumeResult.Status;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL server goes away under a running store: its backends are terminated with
 * {@code pg_terminate_backend} and new connections refused (in a database of this test's own), then
 * it comes back. Nothing may report success meanwhile, and the store must recover without a restart.
 */
class PostgresFailureTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    private static final String DATABASE = "haze_failure_test";
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @BeforeEach
    void createDatabase() throws SQLException {
        dropDatabase();
        admin("CREATE DATABASE " + DATABASE);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void failsWhileTheServerIsGoneAndRecoversWithoutRestart() throws SQLException {
        try (HikariDataSource pool = DB.pool(databaseUrl(), 4, 500);
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

            assertThat(store.consume(TokenHashes.of("a"), T0.plusSeconds(2)).status()).isEqualTo(Status.CONSUMED);
            assertThat(store.consume(TokenHashes.of("a"), T0.plusSeconds(3)).status())
                    .isEqualTo(Status.ALREADY_USED);
            assertThat(store.find(TokenHashes.of("b"))).isEmpty();
            assertThat(store.incrementCounter("k", T0.plusSeconds(60), T0)).isEqualTo(1);
        } finally {
            startServer();
        }
    }

    private static StoredToken token(String id) {
        return StoredToken.issued(TokenHashes.of(id), "u", new byte[0], null, T0, T0.plusSeconds(900));
    }

    private static void stopServer() throws SQLException {
        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
    }

    private static void startServer() throws SQLException {
        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** @return the test server's URL with this test's database instead of the configured one */
    private static String databaseUrl() {
        return DB.url().replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + DATABASE);
    }
}
