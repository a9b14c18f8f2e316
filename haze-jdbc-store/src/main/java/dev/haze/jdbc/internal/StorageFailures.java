package dev.haze.jdbc.internal;

import dev.haze.StorageException;
import java.sql.SQLException;

/**
 * Turns JDBC and JDBI failures into {@link StorageException}s that name the operation.
 *
 * <p>Security: JDBI's own messages may render bound parameters (user ids, metadata); the resulting
 * exception carries only the driver's {@link SQLException} as its cause and message, never JDBI's.
 * Stateless and thread-safe.
 */
public final class StorageFailures {
    private StorageFailures() {
    }

    /**
     * @param failure any throwable
     * @return the innermost {@link SQLException} in its cause chain, or null
     */
    public static SQLException sqlCause(Throwable failure) {
        SQLException found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }

    /**
     * @param operation what was attempted, e.g. {@code consume token}
     * @param failure the failure
     * @return a StorageException "operation: what the driver said"
     */
    public static StorageException of(String operation, Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            // No cause attached: a JDBI exception's message may render bound parameters.
            return new StorageException(operation + ": " + failure.getClass().getSimpleName());
        }
        String state = sql.getSQLState() == null ? "" : " [SQLState " + sql.getSQLState() + "]";
        return new StorageException(operation + ": " + sql.getMessage() + state, sql);
    }
}
