package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How writes piggyback the purge: bounded per write, at most once per interval (on H2). */
class JdbiTokenStorePurgeTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void aWriteDeletesAtMostOneBatchOfExpiredRows() throws SQLException {
        try (JdbiTokenStore store = store(10, Duration.ZERO)) {
            for (int i = 0; i < 25; i++) {
                store.save(token("old-" + i, T0, T0.plusSeconds(1)));
            }
            Instant later = T0.plusSeconds(1).plus(TokenStore.PURGE_GRACE).plusSeconds(1);

            store.save(token("new-1", later, later.plusSeconds(60)));
            assertThat(tokenRows(store)).isEqualTo(25 - 10 + 1);
            store.incrementCounter("k", later.plusSeconds(60), later);
            assertThat(tokenRows(store)).isEqualTo(25 - 20 + 1);
        }
    }

    @Test
    void writesPurgeAtMostOncePerInterval() throws SQLException {
        try (JdbiTokenStore store = store(100, Duration.ofMinutes(10))) {
            store.save(token("old", T0, T0.plusSeconds(1)));
            Instant pastGrace = T0.plusSeconds(1).plus(TokenStore.PURGE_GRACE).plusSeconds(1);

            store.save(token("a", pastGrace, pastGrace.plusSeconds(900)));
            assertThat(store.find(TokenHashes.of("old"))).as("not due yet").isPresent();
            assertThat(tokenRows(store)).isEqualTo(2);

            Instant due = T0.plus(Duration.ofMinutes(10));
            store.save(token("b", due, due.plusSeconds(900)));
            assertThat(store.find(TokenHashes.of("old"))).isEmpty();
        }
    }

    private static JdbiTokenStore store(int batch, Duration interval) {
        JdbiTokenStore store = JdbiTokenStore.create(DB.dataSource(),
                JdbiStoreOptions.defaults().withTablePrefix(DB.prefix()).withPurge(batch, interval));
        DB.deleteRows();
        return store;
    }

    private static StoredToken token(String id, Instant created, Instant expires) {
        return StoredToken.issued(TokenHashes.of(id), "u", new byte[0], null, created, expires);
    }

    private static int tokenRows(JdbiTokenStore store) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + store.options().tablePrefix() + "tokens")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
