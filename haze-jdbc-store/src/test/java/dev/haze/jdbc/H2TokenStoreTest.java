package dev.haze.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store contract on H2. */
class H2TokenStoreTest extends JdbcTokenStoreContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
