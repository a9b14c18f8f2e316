package dev.haze.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store contract on an H2 file database (as the demo runs it). */
class H2FileTokenStoreTest extends JdbcTokenStoreContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2File();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
