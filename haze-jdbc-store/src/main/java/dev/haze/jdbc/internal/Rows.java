package dev.haze.jdbc.internal;

import dev.haze.store.LoginRequest;
import dev.haze.store.LoginRequestState;
import dev.haze.store.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Maps rows to the store's records. Instants are stored as epoch milliseconds.
 *
 * <p>Stateless and thread-safe.
 */
public final class Rows {
    /** Maps a row of the tokens table. */
    public static final RowMapper<StoredToken> TOKEN = (rs, ctx) -> new StoredToken(
            rs.getString("token_hash").trim(), rs.getString("user_id"), rs.getBytes("metadata"),
            rs.getString("next_path"), instant(rs, "created_at"), instant(rs, "expires_at"),
            instant(rs, "consumed_at"), rs.getInt("use_count"));

    /** Maps a row of the login requests table. */
    public static final RowMapper<LoginRequest> REQUEST = (rs, ctx) -> new LoginRequest(
            rs.getString("request_hash").trim(), rs.getString("token_hash").trim(), rs.getString("user_id"),
            rs.getString("match_code"), trimmed(rs.getString("fallback_code_hash")), rs.getString("requested_by"),
            instant(rs, "created_at"), instant(rs, "expires_at"),
            LoginRequestState.valueOf(rs.getString("state").trim()), rs.getInt("failed_code_attempts"));

    private Rows() {
    }

    /**
     * @param instant an instant or null
     * @return its epoch milliseconds (sub-millisecond parts are dropped), or null
     */
    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }
}
