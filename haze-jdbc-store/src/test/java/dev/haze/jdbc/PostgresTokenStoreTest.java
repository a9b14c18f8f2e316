package dev.haze.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store contract on Postgres. */
class PostgresTokenStoreTest extends JdbcTokenStoreContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
