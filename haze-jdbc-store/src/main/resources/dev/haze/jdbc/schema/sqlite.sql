-- Haze token store schema for SQLite (3.35 or later: the store consumes with UPDATE … RETURNING).
-- Use a file database (every pooled connection to ":memory:" would see its own empty database).
-- ${prefix} is the table prefix (default haze_). Instants are epoch milliseconds (UTC).
-- Every statement is idempotent: it may run again, also from several processes at once.

CREATE TABLE IF NOT EXISTS ${prefix}tokens (
    token_hash   TEXT     NOT NULL PRIMARY KEY,  -- SHA-256 hex of the token id; the id is never stored
    user_id      TEXT     NOT NULL,
    metadata     BLOB     NOT NULL,              -- MessagePack or JSON
    next_path    TEXT,
    created_at   INTEGER  NOT NULL,
    expires_at   INTEGER  NOT NULL,
    consumed_at  INTEGER,
    use_count    INTEGER  NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ${prefix}tokens_expires ON ${prefix}tokens (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}login_requests (
    request_hash          TEXT     NOT NULL PRIMARY KEY,
    token_hash            TEXT     NOT NULL,
    user_id               TEXT     NOT NULL,
    match_code            TEXT     NOT NULL,
    fallback_code_hash    TEXT,
    requested_by          TEXT     NOT NULL,
    created_at            INTEGER  NOT NULL,
    expires_at            INTEGER  NOT NULL,
    state                 TEXT     NOT NULL,
    failed_code_attempts  INTEGER  NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}login_requests_token ON ${prefix}login_requests (token_hash);
CREATE INDEX IF NOT EXISTS ${prefix}login_requests_expires ON ${prefix}login_requests (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}counters (
    counter_key  TEXT     NOT NULL PRIMARY KEY,
    hit_count    INTEGER  NOT NULL,
    window_end   INTEGER  NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}counters_window ON ${prefix}counters (window_end);
