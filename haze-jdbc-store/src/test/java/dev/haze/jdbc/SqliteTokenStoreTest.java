package dev.haze.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store contract on Sqlite. */
class SqliteTokenStoreTest extends JdbcTokenStoreContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.sqlite();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
