-- Haze token store schema for MySQL (5.7 or later) and MariaDB (10.3 or later), InnoDB.
-- ${prefix} is the table prefix (default haze_). Instants are epoch milliseconds (UTC).
-- Every statement is idempotent: it may run again, also from several nodes at once.
-- Indexes are declared inside CREATE TABLE because MySQL has no CREATE INDEX IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS ${prefix}tokens (
    token_hash   CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,  -- SHA-256 hex of the token id
    user_id      VARCHAR(320)  NOT NULL,
    metadata     BLOB          NOT NULL,                             -- MessagePack or JSON
    next_path    VARCHAR(2048),
    created_at   BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    consumed_at  BIGINT,
    use_count    INT           NOT NULL DEFAULT 0,
    INDEX ${prefix}tokens_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}login_requests (
    request_hash          CHAR(64) CHARACTER SET ascii NOT NULL PRIMARY KEY,
    token_hash            CHAR(64) CHARACTER SET ascii NOT NULL,
    user_id               VARCHAR(320)  NOT NULL,
    match_code            VARCHAR(16)   NOT NULL,
    fallback_code_hash    CHAR(64) CHARACTER SET ascii,
    requested_by          VARCHAR(255)  NOT NULL,
    created_at            BIGINT        NOT NULL,
    expires_at            BIGINT        NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    failed_code_attempts  INT           NOT NULL DEFAULT 0,
    UNIQUE INDEX ${prefix}login_requests_token (token_hash),
    INDEX ${prefix}login_requests_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ${prefix}counters (
    counter_key  VARCHAR(128)  NOT NULL PRIMARY KEY,
    hit_count    BIGINT        NOT NULL,
    window_end   BIGINT        NOT NULL,
    INDEX ${prefix}counters_window (window_end)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
