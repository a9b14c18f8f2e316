package dev.haze.jdbc.internal;

import java.util.List;

/**
 * The SQL text of every store operation for one table prefix and dialect, built once.
 * Instants are bound as epoch milliseconds.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreSql {
    private static final String TOKEN_COLUMNS =
            "token_hash, user_id, metadata, next_path, created_at, expires_at, consumed_at, use_count";
    private static final String REQUEST_COLUMNS = "request_hash, token_hash, user_id, match_code,"
            + " fallback_code_hash, requested_by, created_at, expires_at, state, failed_code_attempts";

    /** Inserts a token (binds every column by its camel-case name). */
    public final String insertToken;
    /** Reads a token by {@code hash}. */
    public final String selectToken;
    /**
     * Consumes an unused, unexpired token: binds {@code hash}, {@code now}. Where the dialect
     * {@linkplain Dialect#updateReturnsRow() returns the changed row} it does, and a row means this call
     * won; elsewhere one row changed means this call won.
     */
    public final String consumeToken;
    /** Counts one use of an unused, unexpired token: binds {@code hash}, {@code now}; decides as {@link #consumeToken}. */
    public final String useToken;
    /** Deletes a token by {@code hash}. */
    public final String deleteToken;
    /** Inserts a login request. */
    public final String insertRequest;
    /** Reads a login request by {@code hash}. */
    public final String selectRequest;
    /** Reads a login request by its {@code tokenHash}. */
    public final String selectRequestByToken;
    /** Moves a live request from {@code expected} to {@code next}: binds {@code hash}, {@code now}. */
    public final String transitionRequest;
    /** Moves a request from {@code expected} to {@code next} whatever its expiry: binds {@code hash}. */
    public final String transitionRequestIgnoringExpiry;
    /** Approves a live PENDING request, keeping it until at least {@code redeemBy}: binds {@code hash}, {@code now}. */
    public final String approveRequest;
    /** Keeps the token of request {@code hash} until at least {@code redeemBy}. */
    public final String keepRequestToken;
    /** Counts a wrong code of a live PENDING request, denying it at {@code max}: binds {@code hash}, {@code now}. */
    public final String failCode;
    /** Reads the wrong-code count of a request by {@code hash}. */
    public final String selectFailedCodes;
    /** Increments or creates a counter (see {@link Dialect#upsertCounter}). */
    public final String upsertCounter;
    /** Reads a counter by {@code key}. */
    public final String selectCounter;

    private final Dialect dialect;
    private final String tokens;
    private final String requests;
    private final String counters;

    /**
     * @param prefix the validated table prefix
     * @param dialect the database's dialect
     */
    public StoreSql(String prefix, Dialect dialect) {
        this.dialect = dialect;
        this.tokens = prefix + "tokens";
        this.requests = prefix + "login_requests";
        this.counters = prefix + "counters";
        insertToken = "INSERT INTO " + tokens + " (" + TOKEN_COLUMNS + ") VALUES (:tokenHash, :userId, :metadata,"
                + " :nextPath, :createdAt, :expiresAt, :consumedAt, :useCount)";
        selectToken = "SELECT " + TOKEN_COLUMNS + " FROM " + tokens + " WHERE token_hash = :hash";
        String live = " WHERE token_hash = :hash AND consumed_at IS NULL AND expires_at > :now";
        consumeToken = dialect.returningChangedRow(
                "UPDATE " + tokens + " SET consumed_at = :now, use_count = 1" + live, TOKEN_COLUMNS);
        useToken = dialect.returningChangedRow(
                "UPDATE " + tokens + " SET use_count = use_count + 1" + live, TOKEN_COLUMNS);
        deleteToken = "DELETE FROM " + tokens + " WHERE token_hash = :hash";
        insertRequest = "INSERT INTO " + requests + " (" + REQUEST_COLUMNS + ") VALUES (:requestHash, :tokenHash,"
                + " :userId, :matchCode, :fallbackCodeHash, :requestedBy, :createdAt, :expiresAt, :state,"
                + " :failedCodeAttempts)";
        selectRequest = "SELECT " + REQUEST_COLUMNS + " FROM " + requests + " WHERE request_hash = :hash";
        selectRequestByToken = "SELECT " + REQUEST_COLUMNS + " FROM " + requests + " WHERE token_hash = :tokenHash";
        transitionRequestIgnoringExpiry = "UPDATE " + requests + " SET state = :next"
                + " WHERE request_hash = :hash AND state = :expected";
        transitionRequest = transitionRequestIgnoringExpiry + " AND expires_at > :now";
        String keep = "expires_at = CASE WHEN expires_at < :redeemBy THEN :redeemBy ELSE expires_at END";
        approveRequest = "UPDATE " + requests + " SET state = 'APPROVED', " + keep
                + " WHERE request_hash = :hash AND state = 'PENDING' AND expires_at > :now";
        keepRequestToken = "UPDATE " + tokens + " SET " + keep
                + " WHERE token_hash = (SELECT token_hash FROM " + requests + " WHERE request_hash = :hash)";
        // state is assigned before failed_code_attempts so that MySQL (which assigns left to right) and
        // standard SQL (which reads the old row) compute the same result.
        failCode = "UPDATE " + requests + " SET"
                + " state = CASE WHEN failed_code_attempts + 1 >= :max THEN 'DENIED' ELSE state END,"
                + " failed_code_attempts = failed_code_attempts + 1"
                + " WHERE request_hash = :hash AND state = 'PENDING' AND expires_at > :now";
        selectFailedCodes = "SELECT failed_code_attempts FROM " + requests + " WHERE request_hash = :hash";
        upsertCounter = dialect.upsertCounter(counters);
        selectCounter = "SELECT hit_count FROM " + counters + " WHERE counter_key = :key";
    }

    /**
     * @param limit the most rows to delete per table
     * @return one bounded delete per table, each binding {@code now}
     */
    public List<String> purges(int limit) {
        return List.of(
                dialect.boundedDelete(tokens, "token_hash", "expires_at", limit),
                dialect.boundedDelete(requests, "request_hash", "expires_at", limit),
                dialect.boundedDelete(counters, "counter_key", "window_end", limit));
    }
}
