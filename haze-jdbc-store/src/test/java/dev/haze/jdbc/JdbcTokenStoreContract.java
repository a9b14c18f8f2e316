package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.CrossDeviceSignIn;
import dev.haze.CrossDeviceSignIn.Started;
import dev.haze.Haze;
import dev.haze.StorageException;
import dev.haze.store.ConsumeResult;
import dev.haze.store.LoginRequest;
import dev.haze.store.LoginRequestState;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import dev.haze.store.TokenStoreContract;
import dev.haze.testing.MutableClock;
import dev.haze.testing.TestKeys;
import dev.haze.token.Serialization;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The store contract plus what only a SQL store can show, run against each database by a subclass
 * that registers a {@link TestDatabase}. The store under test runs on a pool with a connection per
 * racing thread, so the contract's races happen in the database.
 */
abstract class JdbcTokenStoreContract extends TokenStoreContract {

    /** @return the database of the subclass, registered as an extension in a static field */
    protected abstract TestDatabase database();

    @Override
    protected TokenStore newStore() {
        TestDatabase db = database();
        JdbiTokenStore created = JdbiTokenStore.create(racePool(), options());
        db.deleteRows();
        return created;
    }

    private DataSource racePool() {
        return database().widePool(RACE_THREADS);
    }

    private JdbiStoreOptions options() {
        return JdbiStoreOptions.defaults().withTablePrefix(database().prefix());
    }

    private Haze haze(TokenStore on, MutableClock clock) {
        return Haze.builder().baseUrl("https://haze.test").secretKey(TestKeys.SECRET).store(on).clock(clock).build();
    }

    @Test
    void keepsNoIdInTheDatabase() throws SQLException {
        String tokenId = "tokenIdNeverStored_1234567890";
        String requestId = "requestIdNeverStored_0987654321";
        store.save(StoredToken.issued(TokenHashes.of(tokenId), "user-1",
                Serialization.JSON.write(Map.of("name", "Ann")), "/home", T0, T0.plus(LIFETIME)));
        store.saveLoginRequest(new LoginRequest(TokenHashes.of(requestId), TokenHashes.of(tokenId), "user-1", "42",
                TokenHashes.of("123456"), "Firefox", T0, T0.plus(LIFETIME), LoginRequestState.PENDING, 0));
        store.consume(TokenHashes.of(tokenId), T0.plusSeconds(1));

        String dump = dumpTables();

        assertThat(dump).contains(TokenHashes.of(tokenId), TokenHashes.of(requestId), "user-1")
                .doesNotContain(tokenId, requestId, "123456");
    }

    @Test
    void pollingALoginRequestIsOneAutocommittedSelect() {
        RecordingDataSource recording = new RecordingDataSource(database().dataSource());
        try (JdbiTokenStore recorded = JdbiTokenStore.create(recording.dataSource, options())) {
            CrossDeviceSignIn crossDevice = new CrossDeviceSignIn(haze(recorded, MutableClock.atFixedStart()));
            Started started = crossDevice.start("ann@example.com", Map.of(), null, "Firefox on Linux");
            recording.calls.clear();

            for (int poll = 0; poll < 3; poll++) {
                assertThat(crossDevice.status(started.requestId())).contains(LoginRequestState.PENDING);
            }

            assertThat(recording.calls).hasSize(3)
                    .allSatisfy(call -> assertThat(call).startsWith("prepareStatement: SELECT "));
        }
    }

    @Test
    void createsTheSchemaFromSeveralStoresAtOnce() throws Exception {
        String fresh = database().newPrefix();
        JdbiStoreOptions options = JdbiStoreOptions.defaults().withTablePrefix(fresh);
        List<JdbiTokenStore> stores = race(() -> JdbiTokenStore.create(racePool(), options));

        stores.get(0).save(token("a"));
        assertThat(stores.get(stores.size() - 1).consume(TokenHashes.of("a"), T0).status())
                .isEqualTo(ConsumeResult.Status.CONSUMED);
    }

    @Test
    void reportsAMissingTableAsAStorageExceptionNamingTheOperation() {
        JdbiStoreOptions noSchema = JdbiStoreOptions.defaults().withTablePrefix(database().newPrefix())
                .withAutoCreateSchema(false);
        try (JdbiTokenStore bare = JdbiTokenStore.create(database().dataSource(), noSchema)) {
            assertThatThrownBy(() -> bare.save(token("a")))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("save token: ");
            assertThatThrownBy(() -> bare.consume(TokenHashes.of("a"), T0))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("consume token: ");
            assertThatThrownBy(() -> bare.incrementCounter("k", T0.plusSeconds(1), T0))
                    .isInstanceOf(StorageException.class).hasMessageStartingWith("increment counter: ");
        }
    }

    /** @return every value of every row of the store's tables, binary values as UTF-8 and as hex */
    private String dumpTables() throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("tokens", "login_requests", "counters")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + database().prefix() + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof byte[] bytes) {
                                dump.append(new String(bytes, StandardCharsets.UTF_8)).append('|')
                                        .append(HexFormat.of().formatHex(bytes));
                            } else {
                                dump.append(value);
                            }
                            dump.append('|');
                        }
                    }
                }
            }
        }
        return dump.toString();
    }
}
