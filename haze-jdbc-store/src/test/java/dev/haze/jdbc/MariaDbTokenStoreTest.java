package dev.haze.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store contract on MariaDb. */
class MariaDbTokenStoreTest extends JdbcTokenStoreContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
