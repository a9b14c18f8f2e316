package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.CrossDeviceSignIn;
import dev.haze.CrossDeviceSignIn.Outcome;
import dev.haze.CrossDeviceSignIn.Started;
import dev.haze.Haze;
import dev.haze.MagicLink;
import dev.haze.RateLimiter;
import dev.haze.StorageException;
import dev.haze.store.ConsumeResult;
import dev.haze.store.LoginRequestState;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import dev.haze.store.TokenStoreContract;
import dev.haze.testing.LinkParts;
import dev.haze.testing.MutableClock;
import dev.haze.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
    void keepsNoSecretOfALinkOrACrossDeviceRequestInTheDatabase() throws SQLException {
        MutableClock clock = MutableClock.atFixedStart();
        Haze haze = haze(store, clock);
        CrossDeviceSignIn crossDevice = new CrossDeviceSignIn(haze);
        String client = "203.0.113.77";
        new RateLimiter(store, clock, RateLimiter.Limits.DEFAULTS).check("ann@example.com", client);
        MagicLink link = haze.generate("ann@example.com", Map.of("plan", "pro"), Duration.ofMinutes(10),
                "/reports");
        haze.verify(link.tokenId(), LinkParts.signature(link));
        Started started = crossDevice.start("bob@example.com", Map.of("plan", "free"), "/home", "Firefox on Linux");
        String wrongCode = started.code().equals("000000") ? "111111" : "000000";
        assertThat(crossDevice.submitCode(started.requestId(), wrongCode).outcome()).isEqualTo(Outcome.WRONG_CODE);

        Dump dump = dumpTables();

        assertThat(dump.text()).as("the rows are all there, under their hashes").contains(
                TokenHashes.of(link.tokenId()), TokenHashes.of(started.link().tokenId()),
                TokenHashes.of(started.requestId()), "ann@example.com", "bob@example.com", "rl:pair:");
        List<String> secrets = List.of(link.tokenId(), LinkParts.signature(link), started.link().tokenId(),
                LinkParts.signature(started.link()), started.requestId(), started.code(), client);
        String lowerCase = dump.text().toLowerCase(Locale.ROOT);
        for (int i = 0; i < secrets.size(); i++) {
            for (String form : encodings(secrets.get(i))) {
                assertThat(lowerCase).as("secret #%d, raw, as hex or as Base64", i)
                        .doesNotContain(form.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(dump.numbers()).as("the code is not stored as a number")
                .doesNotContain(Long.parseLong(started.code()));
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

    /**
     * @param text every text and binary value of every row (binary values as UTF-8 and as hex), '|'-separated
     * @param numbers every numeric value
     */
    private record Dump(String text, List<Long> numbers) {
    }

    /** @return every value of every row of the store's three tables */
    private Dump dumpTables() throws SQLException {
        StringBuilder text = new StringBuilder();
        List<Long> numbers = new ArrayList<>();
        try (Connection c = database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("tokens", "login_requests", "counters")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + database().prefix() + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof Number number) {
                                numbers.add(number.longValue());
                            } else if (value instanceof byte[] || value instanceof Blob) {
                                byte[] bytes = value instanceof Blob blob
                                        ? blob.getBytes(1, (int) blob.length()) : (byte[]) value;
                                text.append(new String(bytes, StandardCharsets.UTF_8)).append('|')
                                        .append(HexFormat.of().formatHex(bytes)).append('|');
                            } else if (value instanceof Clob clob) {
                                text.append(clob.getSubString(1, (int) clob.length())).append('|');
                            } else {
                                text.append(value).append('|');
                            }
                        }
                    }
                }
            }
        }
        return new Dump(text.toString(), numbers);
    }

    /** @return the secret, and its UTF-8 bytes as hex and as Base64 (standard and URL-safe, unpadded) */
    private static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, HexFormat.of().formatHex(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
