-- Haze token store schema for PostgreSQL (9.5 or later).
-- ${prefix} is the table prefix (default haze_). Instants are epoch milliseconds (UTC).
-- Every statement is idempotent: it may run again, also from several nodes at once.

CREATE TABLE IF NOT EXISTS ${prefix}tokens (
    token_hash   CHAR(64)      NOT NULL PRIMARY KEY,  -- SHA-256 hex of the token id; the id is never stored
    user_id      VARCHAR(320)  NOT NULL,
    metadata     BYTEA         NOT NULL,              -- MessagePack or JSON
    next_path    VARCHAR(2048),
    created_at   BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    consumed_at  BIGINT,
    use_count    INTEGER       NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ${prefix}tokens_expires ON ${prefix}tokens (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}login_requests (
    request_hash          CHAR(64)      NOT NULL PRIMARY KEY,
    token_hash            CHAR(64)      NOT NULL,
    user_id               VARCHAR(320)  NOT NULL,
    match_code            VARCHAR(16)   NOT NULL,
    fallback_code_hash    CHAR(64),
    requested_by          VARCHAR(255)  NOT NULL,
    created_at            BIGINT        NOT NULL,
    expires_at            BIGINT        NOT NULL,
    state                 VARCHAR(16)   NOT NULL,
    failed_code_attempts  INTEGER       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}login_requests_token ON ${prefix}login_requests (token_hash);
CREATE INDEX IF NOT EXISTS ${prefix}login_requests_expires ON ${prefix}login_requests (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}counters (
    counter_key  VARCHAR(128)  NOT NULL PRIMARY KEY,
    hit_count    BIGINT        NOT NULL,
    window_end   BIGINT        NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}counters_window ON ${prefix}counters (window_end);
