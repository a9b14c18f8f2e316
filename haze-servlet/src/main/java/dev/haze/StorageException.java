package dev.haze;

/**
 * The token store failed (database down, pool exhausted, store full). The message names the operation.
 * A storage failure never reports a link as valid and never signs anyone in.
 */
public class StorageException extends HazeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the failed operation */
    public StorageException(String message) {
        super(message);
    }

    /**
     * @param message names the failed operation
     * @param cause the underlying failure, typically an {@link java.sql.SQLException}
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
