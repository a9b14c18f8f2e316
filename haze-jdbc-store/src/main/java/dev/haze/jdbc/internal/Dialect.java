package dev.haze.jdbc.internal;

import dev.haze.ConfigurationException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * What differs between the supported databases: the schema resource, the counter upsert, the bounded
 * delete and how an UPDATE returns the row it changed. Everything else is portable SQL, written once in
 * {@link StoreSql}.
 *
 * <p>Immutable and thread-safe.
 */
public enum Dialect {
    /** PostgreSQL 9.5 or later. */
    POSTGRESQL("postgresql") {
        @Override
        String upsertCounter(String table) {
            return onConflictUpsert(table);
        }
    },
    /** MySQL 5.7+ and MariaDB 10.3+ (InnoDB). */
    MYSQL("mysql") {
        @Override
        String upsertCounter(String table) {
            // MySQL assigns left to right and later assignments see earlier ones: hit_count is assigned
            // first and never read by the window_end assignment, which still sees the old window_end.
            return "INSERT INTO " + table + " (counter_key, hit_count, window_end) VALUES (:key, 1, :windowEnd)"
                    + " ON DUPLICATE KEY UPDATE"
                    + " hit_count = IF(window_end <= :now, 1, hit_count + 1),"
                    + " window_end = IF(window_end <= :now, VALUES(window_end), window_end)";
        }

        @Override
        String boundedDelete(String table, String keyColumn, String expiryColumn, int limit) {
            // MySQL cannot use LIMIT inside an IN subquery, but DELETE itself takes ORDER BY … LIMIT.
            return "DELETE FROM " + table + " WHERE " + expiryColumn + " <= :now ORDER BY " + expiryColumn
                    + " LIMIT " + limit;
        }
    },
    /** H2 2.x. */
    H2("h2") {
        @Override
        String upsertCounter(String table) {
            return "MERGE INTO " + table + " c USING (VALUES (CAST(:key AS VARCHAR(128)),"
                    + " CAST(:windowEnd AS BIGINT))) s (k, e) ON c.counter_key = s.k"
                    + " WHEN MATCHED THEN UPDATE SET"
                    + " hit_count = CASE WHEN c.window_end <= :now THEN 1 ELSE c.hit_count + 1 END,"
                    + " window_end = CASE WHEN c.window_end <= :now THEN s.e ELSE c.window_end END"
                    + " WHEN NOT MATCHED THEN INSERT (counter_key, hit_count, window_end) VALUES (s.k, 1, s.e)";
        }
    },
    /** SQLite 3.35 or later (the first with {@code UPDATE … RETURNING}). */
    SQLITE("sqlite") {
        @Override
        String upsertCounter(String table) {
            return onConflictUpsert(table);
        }
    };

    /** PostgreSQL's "the server is going away" states: admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private final String schemaName;

    Dialect(String schemaName) {
        this.schemaName = schemaName;
    }

    /**
     * Picks the dialect for a database product.
     *
     * @param productName {@link java.sql.DatabaseMetaData#getDatabaseProductName()}
     * @return the dialect
     * @throws ConfigurationException naming the product when it is not supported
     */
    public static Dialect forProduct(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.contains("mysql") || p.contains("mariadb")) {
            return MYSQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        if (p.contains("sqlite")) {
            return SQLITE;
        }
        throw new ConfigurationException("the JDBC token store does not support the database '" + productName
                + "'; supported: PostgreSQL, MySQL, MariaDB, H2, SQLite");
    }

    /** @return the classpath resource holding this dialect's schema, with a {@code ${prefix}} placeholder */
    public String schemaResource() {
        return "/dev/haze/jdbc/schema/" + schemaName + ".sql";
    }

    /**
     * @param table the counters table
     * @return an atomic insert-or-increment of one counter (binds {@code key}, {@code windowEnd}, {@code now})
     *     that restarts an expired window at 1
     */
    abstract String upsertCounter(String table);

    /**
     * @param table the table
     * @param keyColumn its primary key
     * @param expiryColumn the column holding its expiry (epoch milliseconds)
     * @param limit the most rows to delete
     * @return a delete of at most {@code limit} rows expired at {@code :now}
     */
    String boundedDelete(String table, String keyColumn, String expiryColumn, int limit) {
        return "DELETE FROM " + table + " WHERE " + keyColumn + " IN (SELECT " + keyColumn + " FROM " + table
                + " WHERE " + expiryColumn + " <= :now LIMIT " + limit + ")";
    }

    /**
     * @param update a conditional UPDATE of at most one row
     * @param columns the columns to return, comma-separated
     * @return when {@link #updateReturnsRow()}, a statement that runs the update and returns the changed
     *     row's columns (no row when nothing changed); otherwise the update itself
     */
    String returningChangedRow(String update, String columns) {
        return switch (this) {
            case POSTGRESQL, SQLITE -> update + " RETURNING " + columns;
            case H2 -> "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
            // MariaDB has RETURNING for INSERT and DELETE only, MySQL not at all: the row count decides.
            case MYSQL -> update;
        };
    }

    /** @return whether {@link #returningChangedRow} returns the changed row (else only a row count) */
    public boolean updateReturnsRow() {
        return this != MYSQL;
    }

    /**
     * @param e a failure
     * @return true when it reports a duplicate primary or unique key
     */
    public boolean isDuplicateKey(SQLException e) {
        return switch (this) {
            case MYSQL -> e.getErrorCode() == 1062;
            // sqlite-jdbc reports no SQLState; 19 is SQLITE_CONSTRAINT (its extended codes keep 19 in the low byte).
            case SQLITE -> (e.getErrorCode() & 0xff) == 19;
            default -> "23505".equals(e.getSQLState());
        };
    }

    /**
     * @param e a failure
     * @return true when the database rolled the transaction back for a deadlock or serialization conflict
     *     (SQLState class 40), the connection broke (class 08), PostgreSQL ended the backend (57P01 after
     *     {@code pg_terminate_backend} or a shutdown, 57P02 after a crash, 57P03 while starting), or SQLite
     *     found the file busy or locked: the transaction did not commit (or, if its commit was in flight,
     *     a retry sees its effect), so trying again on a fresh connection is safe and may succeed
     */
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        // A broken or ended connection is evicted by the pool (HikariCP does so for 08 and 57P0x), so a
        // retry gets a fresh one or fails again.
        if (state != null && (state.startsWith("40") || state.startsWith("08") || SERVER_GONE.contains(state))) {
            return true;
        }
        int code = e.getErrorCode() & 0xff;
        return this == SQLITE && (code == 5 || code == 6);
    }

    private static String onConflictUpsert(String table) {
        return "INSERT INTO " + table + " (counter_key, hit_count, window_end) VALUES (:key, 1, :windowEnd)"
                + " ON CONFLICT (counter_key) DO UPDATE SET"
                + " hit_count = CASE WHEN " + table + ".window_end <= :now THEN 1 ELSE " + table + ".hit_count + 1 END,"
                + " window_end = CASE WHEN " + table + ".window_end <= :now THEN excluded.window_end"
                + " ELSE " + table + ".window_end END";
    }
}
