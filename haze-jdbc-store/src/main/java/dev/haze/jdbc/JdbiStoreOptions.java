package dev.haze.jdbc;

import dev.haze.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of a {@link JdbiTokenStore}. Immutable: every {@code with…} method validates its value and
 * returns a copy, so an options object can be shared freely.
 *
 * <pre>{@code
 * JdbiStoreOptions options = JdbiStoreOptions.defaults().withTablePrefix("auth_").withAutoCreateSchema(false);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JdbiStoreOptions {
    /** The default table prefix: tables are {@code haze_tokens}, {@code haze_login_requests}, {@code haze_counters}. */
    public static final String DEFAULT_TABLE_PREFIX = "haze_";
    /** The default size of a pool the store creates itself. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The default most expired rows of each table deleted by one piggybacked purge. */
    public static final int DEFAULT_PURGE_BATCH = 100;
    /** The default least time between two piggybacked purges. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofSeconds(10);

    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,20}");
    private static final JdbiStoreOptions DEFAULTS = new JdbiStoreOptions(DEFAULT_TABLE_PREFIX, true,
            DEFAULT_POOL_SIZE, DEFAULT_PURGE_BATCH, DEFAULT_PURGE_INTERVAL);

    private final String tablePrefix;
    private final boolean autoCreateSchema;
    private final int poolSize;
    private final int purgeBatch;
    private final Duration purgeInterval;

    private JdbiStoreOptions(String tablePrefix, boolean autoCreateSchema, int poolSize, int purgeBatch,
                             Duration purgeInterval) {
        this.tablePrefix = tablePrefix;
        this.autoCreateSchema = autoCreateSchema;
        this.poolSize = poolSize;
        this.purgeBatch = purgeBatch;
        this.purgeInterval = purgeInterval;
    }

    /** @return prefix {@code haze_}, schema auto-creation on, pool of 10, purges of 100 rows at most every 10 s */
    public static JdbiStoreOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param prefix prepended to every table and index name: a lowercase letter or underscore, then up to
     *     20 lowercase letters, digits or underscores (it is part of SQL text, hence the strict check)
     * @return a copy with that prefix
     * @throws ConfigurationException naming {@code table-prefix} for anything else
     */
    public JdbiStoreOptions withTablePrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationException("table-prefix must match [a-z_][a-z0-9_]{0,20} (for example haze_),"
                    + " was '" + prefix + "'");
        }
        return new JdbiStoreOptions(prefix, autoCreateSchema, poolSize, purgeBatch, purgeInterval);
    }

    /**
     * @param create true to create missing tables and indexes when the store starts (idempotent, safe
     *     when several nodes start at once); false when a DBA creates them (the README has the DDL)
     * @return a copy with that setting
     */
    public JdbiStoreOptions withAutoCreateSchema(boolean create) {
        return new JdbiStoreOptions(tablePrefix, create, poolSize, purgeBatch, purgeInterval);
    }

    /**
     * @param size the most connections of a pool the store creates itself (from a JDBC URL); ignored for a
     *     {@code DataSource} or {@code Jdbi} given to the store
     * @return a copy with that size
     * @throws ConfigurationException naming {@code jdbc-pool-size} unless 1 to 1000
     */
    public JdbiStoreOptions withPoolSize(int size) {
        if (size < 1 || size > 1000) {
            throw new ConfigurationException("jdbc-pool-size must be between 1 and 1000, was " + size);
        }
        return new JdbiStoreOptions(tablePrefix, autoCreateSchema, size, purgeBatch, purgeInterval);
    }

    /**
     * @param batch the most expired rows of each table one piggybacked purge deletes
     * @param interval the least time between two piggybacked purges, judged by the instants writes carry;
     *     zero purges on every write
     * @return a copy with that purge policy
     * @throws ConfigurationException unless batch is 1 to 10000 and interval is not negative
     */
    public JdbiStoreOptions withPurge(int batch, Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (batch < 1 || batch > 10_000) {
            throw new ConfigurationException("purge batch must be between 1 and 10000, was " + batch);
        }
        if (interval.isNegative()) {
            throw new ConfigurationException("purge interval must not be negative, was " + interval);
        }
        return new JdbiStoreOptions(tablePrefix, autoCreateSchema, poolSize, batch, interval);
    }

    /** @return the table prefix */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** @return whether missing tables are created at start */
    public boolean autoCreateSchema() {
        return autoCreateSchema;
    }

    /** @return the size of a pool the store creates itself */
    public int poolSize() {
        return poolSize;
    }

    /** @return the most rows of each table one piggybacked purge deletes */
    public int purgeBatch() {
        return purgeBatch;
    }

    /** @return the least time between two piggybacked purges */
    public Duration purgeInterval() {
        return purgeInterval;
    }

    @Override
    public String toString() {
        return "JdbiStoreOptions[tablePrefix=" + tablePrefix + ", autoCreateSchema=" + autoCreateSchema
                + ", poolSize=" + poolSize + ", purgeBatch=" + purgeBatch + ", purgeInterval=" + purgeInterval + "]";
    }
}
