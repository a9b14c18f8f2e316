package dev.haze.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.haze.ConfigurationException;
import dev.haze.StorageException;
import dev.haze.jdbc.internal.Dialect;
import dev.haze.jdbc.internal.PurgeSchedule;
import dev.haze.jdbc.internal.Rows;
import dev.haze.jdbc.internal.SchemaInstaller;
import dev.haze.jdbc.internal.StorageFailures;
import dev.haze.jdbc.internal.StoreSql;
import dev.haze.store.ConsumeResult;
import dev.haze.store.LoginRequest;
import dev.haze.store.LoginRequestState;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenStore;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenStore} in a SQL database (PostgreSQL, MySQL/MariaDB, H2, SQLite) through JDBI 3, so
 * several application nodes share their links, cross-device requests and rate limits.
 *
 * <ul>
 *   <li>Keys are the SHA-256 hashes Haze passes in; token ids never reach the database.</li>
 *   <li>{@link #consume} is one conditional {@code UPDATE … WHERE consumed_at IS NULL AND expires_at > ?}.
 *       On PostgreSQL and SQLite it is {@code UPDATE … RETURNING} (on H2 {@code SELECT … FROM FINAL TABLE
 *       (UPDATE …)}): the returned row decides the single winner and is its answer. MySQL and MariaDB
 *       cannot return rows from an UPDATE: there the row count decides and the row is read in the same
 *       transaction.</li>
 *   <li>Counters are one atomic upsert per dialect; login-request moves and wrong codes are one
 *       conditional {@code UPDATE} each.</li>
 *   <li>Expired rows are deleted in bounded batches ({@link JdbiStoreOptions#purgeBatch()} per table)
 *       after a write, at most once per {@link JdbiStoreOptions#purgeInterval()} (judged by the write's
 *       own instant), once expired more than {@link TokenStore#PURGE_GRACE} before that instant; no
 *       thread, no scheduler.</li>
 *   <li>Pure reads ({@link #find}, {@link #findLoginRequest}, {@link #findLoginRequestByToken}) are one
 *       autocommitted {@code SELECT}: polling a login request costs one round trip and writes nothing.</li>
 *   <li>Instants are stored as epoch milliseconds: sub-millisecond parts are dropped.</li>
 *   <li>Every database failure is a {@link StorageException} naming the operation, and a failed
 *       operation has changed nothing (each runs in one transaction).</li>
 * </ul>
 *
 * <p>Thread-safe. Close it to release the pool it created ({@link #create(String, String, String, JdbiStoreOptions)});
 * a {@code DataSource} or {@code Jdbi} given to it stays open.
 */
public final class JdbiTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbiTokenStore.class);
    private static final int ATTEMPTS = 3;

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final StoreSql sql;
    private final JdbiStoreOptions options;
    private final PurgeSchedule purges;
    private final AutoCloseable ownedPool;

    private JdbiTokenStore(Jdbi jdbi, Dialect dialect, JdbiStoreOptions options, AutoCloseable ownedPool) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.options = options;
        this.sql = new StoreSql(options.tablePrefix(), dialect);
        this.purges = new PurgeSchedule(options.purgeInterval());
        this.ownedPool = ownedPool;
    }

    /**
     * A store on an application-managed {@code DataSource} (a pool; a container's JNDI resource).
     *
     * @param dataSource the connections; not closed by {@link #close()}
     * @param options the settings
     * @return a ready store (tables created first when {@link JdbiStoreOptions#autoCreateSchema()})
     * @throws ConfigurationException if the database product is not supported
     * @throws StorageException if the database cannot be reached or the schema not created
     */
    public static JdbiTokenStore create(DataSource dataSource, JdbiStoreOptions options) {
        Objects.requireNonNull(dataSource, "dataSource");
        return create(Jdbi.create(dataSource), options);
    }

    /**
     * A store on an existing {@link Jdbi}; its configuration is not changed.
     *
     * @param jdbi the database
     * @param options the settings
     * @return a ready store
     * @throws ConfigurationException if the database product is not supported
     * @throws StorageException if the database cannot be reached or the schema not created
     */
    public static JdbiTokenStore create(Jdbi jdbi, JdbiStoreOptions options) {
        return open(jdbi, options, null);
    }

    /**
     * A store that owns a HikariCP pool (named {@code haze}, {@link JdbiStoreOptions#poolSize()} connections,
     * 5 s connection timeout), closed by {@link #close()}. The JDBC driver must be on the classpath.
     *
     * @param jdbcUrl the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/app}
     * @param username the user, or null when the URL or driver supplies it
     * @param password the password, or null; never logged
     * @param options the settings
     * @return a ready store
     * @throws ConfigurationException if the URL is blank, no driver accepts it, or the product is unsupported
     * @throws StorageException if the database cannot be reached or the schema not created
     */
    public static JdbiTokenStore create(String jdbcUrl, String username, String password, JdbiStoreOptions options) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new ConfigurationException("jdbc-url is required, e.g. jdbc:postgresql://localhost:5432/app");
        }
        Objects.requireNonNull(options, "options");
        HikariConfig config = new HikariConfig();
        config.setPoolName("haze");
        config.setJdbcUrl(jdbcUrl);
        String driverClass = driverClassFor(jdbcUrl);
        if (driverClass != null) {
            config.setDriverClassName(driverClass);
        }
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(options.poolSize());
        config.setConnectionTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLException cause = StorageFailures.sqlCause(e);
            if (cause != null && "08001".equals(cause.getSQLState()) && cause.getMessage() != null
                    && cause.getMessage().startsWith("No suitable driver")) {
                throw new ConfigurationException("jdbc-url: no JDBC driver on the classpath accepts this URL;"
                        + " add the database's driver (org.postgresql:postgresql, org.mariadb.jdbc:mariadb-java-client,"
                        + " com.h2database:h2 or org.xerial:sqlite-jdbc)"); // no cause: its message holds the URL
            }
            throw StorageFailures.of("open JDBC store: cannot connect to the database", e);
        }
        try {
            return open(Jdbi.create(pool), options, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static JdbiTokenStore open(Jdbi jdbi, JdbiStoreOptions options, AutoCloseable ownedPool) {
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(options, "options");
        String product;
        try {
            product = jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException | JdbiException e) {
            throw StorageFailures.of("open JDBC store: cannot connect to the database", e);
        }
        Dialect dialect = Dialect.forProduct(product);
        if (options.autoCreateSchema()) {
            SchemaInstaller.install(jdbi, dialect, options.tablePrefix());
        }
        return new JdbiTokenStore(jdbi, dialect, options, ownedPool);
    }

    @Override
    public void save(StoredToken token) {
        Objects.requireNonNull(token, "token");
        insert("save token", "a token with this hash already exists", handle -> handle
                .createUpdate(sql.insertToken)
                .bind("tokenHash", token.tokenHash()).bind("userId", token.userId())
                .bind("metadata", token.metadata()).bind("nextPath", token.nextPath())
                .bind("createdAt", Rows.millis(token.createdAt())).bind("expiresAt", Rows.millis(token.expiresAt()))
                .bind("consumedAt", Rows.millis(token.consumedAt())).bind("useCount", token.useCount())
                .execute());
        purgeIfDue(token.createdAt());
    }

    @Override
    public Optional<StoredToken> find(String tokenHash) {
        return reading("find token", handle -> findToken(handle, tokenHash));
    }

    @Override
    public ConsumeResult consume(String tokenHash, Instant now) {
        return claim("consume token", sql.consumeToken, tokenHash, now);
    }

    @Override
    public ConsumeResult recordUse(String tokenHash, Instant now) {
        return claim("record token use", sql.useToken, tokenHash, now);
    }

    /**
     * Runs a conditional update of a live token: the row it returns, or else its row count, decides
     * whether this call won (see {@link Dialect#updateReturnsRow()}). A call that lost reads the row to
     * tell why; all in one transaction.
     */
    private ConsumeResult claim(String operation, String update, String tokenHash, Instant now) {
        return inTransaction(operation, handle -> {
            Optional<StoredToken> won;
            if (dialect.updateReturnsRow()) {
                won = handle.createQuery(update).bind("hash", tokenHash).bind("now", Rows.millis(now))
                        .map(Rows.TOKEN).findOne();
            } else {
                int changed = handle.createUpdate(update).bind("hash", tokenHash).bind("now", Rows.millis(now))
                        .execute();
                won = changed == 1 ? findToken(handle, tokenHash) : Optional.empty();
            }
            return won.map(token -> new ConsumeResult(ConsumeResult.Status.CONSUMED, token))
                    .orElseGet(() -> ConsumeResult.lost(findToken(handle, tokenHash).orElse(null), now));
        });
    }

    @Override
    public boolean delete(String tokenHash) {
        return inTransaction("delete token",
                handle -> handle.createUpdate(sql.deleteToken).bind("hash", tokenHash).execute() > 0);
    }

    @Override
    public void saveLoginRequest(LoginRequest request) {
        Objects.requireNonNull(request, "request");
        insert("save login request", "a request with this hash or token already exists", handle -> handle.createUpdate(sql.insertRequest)
                        .bind("requestHash", request.requestHash()).bind("tokenHash", request.tokenHash())
                        .bind("userId", request.userId()).bind("matchCode", request.matchCode())
                        .bind("fallbackCodeHash", request.fallbackCodeHash())
                        .bind("requestedBy", request.requestedBy())
                        .bind("createdAt", Rows.millis(request.createdAt()))
                        .bind("expiresAt", Rows.millis(request.expiresAt()))
                        .bind("state", request.state().name())
                        .bind("failedCodeAttempts", request.failedCodeAttempts())
                        .execute());
        purgeIfDue(request.createdAt());
    }

    @Override
    public Optional<LoginRequest> findLoginRequest(String requestHash) {
        return reading("find login request", handle -> handle.createQuery(sql.selectRequest)
                .bind("hash", requestHash).map(Rows.REQUEST).findOne());
    }

    @Override
    public Optional<LoginRequest> findLoginRequestByToken(String tokenHash) {
        return reading("find login request", handle -> handle.createQuery(sql.selectRequestByToken)
                .bind("tokenHash", tokenHash).map(Rows.REQUEST).findOne());
    }

    @Override
    public boolean transitionLoginRequest(String requestHash, LoginRequestState expected, LoginRequestState next,
                                          Instant now) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(next, "next");
        boolean ignoreExpiry = next == LoginRequestState.EXPIRED;
        return inTransaction("transition login request", handle -> handle
                .createUpdate(ignoreExpiry ? sql.transitionRequestIgnoringExpiry : sql.transitionRequest)
                .bind("hash", requestHash).bind("expected", expected.name()).bind("next", next.name())
                .bind("now", Rows.millis(now))
                .execute() == 1);
    }

    @Override
    public boolean approveLoginRequest(String requestHash, Instant redeemBy, Instant now) {
        Objects.requireNonNull(redeemBy, "redeemBy");
        return inTransaction("approve login request", handle -> {
            if (handle.createUpdate(sql.approveRequest).bind("hash", requestHash)
                    .bind("redeemBy", Rows.millis(redeemBy)).bind("now", Rows.millis(now)).execute() != 1) {
                return false;
            }
            handle.createUpdate(sql.keepRequestToken).bind("hash", requestHash)
                    .bind("redeemBy", Rows.millis(redeemBy)).execute();
            return true;
        });
    }

    @Override
    public int recordFailedCode(String requestHash, int maxAttempts, Instant now) {
        return inTransaction("record failed code", handle -> {
            int changed = handle.createUpdate(sql.failCode).bind("hash", requestHash).bind("max", maxAttempts)
                    .bind("now", Rows.millis(now)).execute();
            if (changed != 1) {
                return -1;
            }
            return handle.createQuery(sql.selectFailedCodes).bind("hash", requestHash).mapTo(Integer.class).one();
        });
    }

    @Override
    public long incrementCounter(String key, Instant windowEnd, Instant now) {
        Objects.requireNonNull(key, "key");
        long count;
        try {
            count = upsertCounter(key, windowEnd, now);
        } catch (StorageException e) {
            // H2's MERGE is not atomic against a concurrent first insert of the same key; the retry updates.
            if (!isDuplicateKey(e)) {
                throw e;
            }
            count = upsertCounter(key, windowEnd, now);
        }
        purgeIfDue(now);
        return count;
    }

    private long upsertCounter(String key, Instant windowEnd, Instant now) {
        return inTransaction("increment counter", handle -> {
            handle.createUpdate(sql.upsertCounter).bind("key", key).bind("windowEnd", Rows.millis(windowEnd))
                    .bind("now", Rows.millis(now)).execute();
            return handle.createQuery(sql.selectCounter).bind("key", key).mapTo(Long.class).one();
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        if (limit < 1) {
            return 0;
        }
        int removed = 0;
        for (String delete : sql.purges(limit)) {
            removed += inTransaction("purge expired", handle ->
                    handle.createUpdate(delete).bind("now", Rows.millis(now)).execute());
        }
        return removed;
    }

    /** @return the dialect detected from the database (for diagnostics) */
    public String dialect() {
        return dialect.name();
    }

    /** @return the settings this store runs with */
    public JdbiStoreOptions options() {
        return options;
    }

    /** Closes the pool this store created, if any. Idempotent. */
    @Override
    public void close() {
        if (ownedPool != null) {
            try {
                ownedPool.close();
            } catch (Exception e) {
                LOG.warn("closing the haze connection pool failed: {}", e.toString());
            }
        }
    }

    private Optional<StoredToken> findToken(Handle handle, String tokenHash) {
        return handle.createQuery(sql.selectToken).bind("hash", tokenHash).map(Rows.TOKEN).findOne();
    }

    /** An insert whose duplicate key is reported as such rather than as a database failure. */
    private void insert(String operation, String duplicateMessage, HandleCallback<Integer, RuntimeException> insert) {
        try {
            inTransaction(operation, insert);
        } catch (StorageException e) {
            if (isDuplicateKey(e)) {
                throw new StorageException(operation + ": " + duplicateMessage, e.getCause());
            }
            throw e;
        }
    }

    /**
     * Finds the driver for a URL through {@link ServiceLoader} on the context class loader (a web
     * application's) and then this library's. Naming its class to the pool makes HikariCP create the driver
     * itself rather than ask {@link java.sql.DriverManager}, whose registrations are per JVM: a container
     * deregisters a web application's drivers when it is undeployed and does not scan again on redeploy.
     *
     * @return the driver's class name, or null to let the pool ask DriverManager
     */
    private static String driverClassFor(String jdbcUrl) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, JdbiTokenStore.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                    if (driver.acceptsURL(jdbcUrl)) {
                        return driver.getClass().getName();
                    }
                }
            } catch (SQLException | java.util.ServiceConfigurationError e) {
                LOG.debug("looking up a JDBC driver through {} failed: {}", loader, e.toString());
            }
        }
        return null;
    }

    private boolean isDuplicateKey(StorageException e) {
        return e.getCause() instanceof SQLException cause && dialect.isDuplicateKey(cause);
    }

    /** Runs one operation in one transaction, {@linkplain #retrying retrying} transient failures. */
    private <T> T inTransaction(String operation, HandleCallback<T, RuntimeException> work) {
        return retrying(operation, () -> jdbi.inTransaction(work));
    }

    /**
     * Runs one read-only statement in autocommit mode (no BEGIN and COMMIT round trips: a status poll
     * runs this), {@linkplain #retrying retrying} transient failures.
     */
    private <T> T reading(String operation, HandleCallback<T, RuntimeException> read) {
        return retrying(operation, () -> jdbi.withHandle(read));
    }

    /**
     * Runs an operation, retrying it (at most {@value #ATTEMPTS} times) when the database rolled it back
     * for a deadlock, a serialization conflict or a busy SQLite file, or the connection broke or its
     * backend was ended (a pooled connection to a restarted server, {@code pg_terminate_backend}); see
     * {@link Dialect#isTransient}. Nothing of a rolled-back attempt remains, so retrying cannot consume
     * twice. If a connection broke while a commit was in flight, the retry errs on the safe side: a
     * consume reports ALREADY_USED, an insert a duplicate key.
     */
    private <T> T retrying(String operation, Supplier<T> attemptOnce) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attemptOnce.get();
            } catch (JdbiException e) {
                SQLException cause = StorageFailures.sqlCause(e);
                if (attempt >= ATTEMPTS || cause == null || !dialect.isTransient(cause)) {
                    throw StorageFailures.of(operation, e);
                }
            }
        }
    }

    /** Purges after a write at {@code now} when due, sparing rows expired within {@link TokenStore#PURGE_GRACE}. */
    private void purgeIfDue(Instant now) {
        if (!purges.claim(now)) {
            return;
        }
        try {
            int removed = purgeExpired(now.minus(PURGE_GRACE), options.purgeBatch());
            LOG.debug("purged {} expired rows", removed);
        } catch (StorageException e) {
            // The write itself succeeded; the next due write purges again.
            LOG.warn("{}", e.getMessage());
        }
    }
}
