package dev.haze.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerGoneContract} on MariaDB: the store connects as a user of the test's own, whose connections
 * are ended with {@code KILL CONNECTION} and whose new ones are refused with {@code ALTER USER … ACCOUNT
 * LOCK}.
 */
class MariaDbFailureTest extends ServerGoneContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    private static final String USER = "haze_failure";
    private static final String ACCOUNT = "'" + USER + "'@'%'";
    private static final String PASSWORD = "haze-failure-test-only";

    @Override
    protected TestDatabase server() {
        return DB;
    }

    @Override
    protected void createDatabase() throws SQLException {
        dropDatabase();
        admin("CREATE DATABASE " + DATABASE);
        admin("CREATE USER " + ACCOUNT + " IDENTIFIED BY '" + PASSWORD + "'");
        admin("GRANT ALL ON " + DATABASE + ".* TO " + ACCOUNT);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        admin("DROP USER IF EXISTS " + ACCOUNT);
        admin("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Override
    protected HikariDataSource storePool(int size, long connectionTimeoutMillis) {
        return DB.pool(databaseUrl(), USER, PASSWORD, size, connectionTimeoutMillis);
    }

    @Override
    protected Connection otherNode() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), DB.user(), DB.password());
    }

    @Override
    protected void stopServer() throws SQLException {
        admin("ALTER USER " + ACCOUNT + " ACCOUNT LOCK");
        for (long id : ids("SELECT id FROM information_schema.processlist WHERE user = '" + USER + "'")) {
            endConnection(id);
        }
    }

    @Override
    protected void startServer() throws SQLException {
        admin("ALTER USER IF EXISTS " + ACCOUNT + " ACCOUNT UNLOCK");
    }

    /**
     * The store's connections running a statement: while the other node holds the row lock, the consume's
     * UPDATE can only wait for it. (InnoDB's own view, {@code information_schema.innodb_trx}, does not list
     * a transaction that waits for its first lock.)
     */
    @Override
    protected List<Long> connectionsWaitingForALock() throws SQLException {
        return ids("SELECT id FROM information_schema.processlist WHERE user = '" + USER + "' AND db = '"
                + DATABASE + "' AND command = 'Query'");
    }

    @Override
    protected void endConnection(long id) throws SQLException {
        try {
            admin("KILL CONNECTION " + id);
        } catch (SQLException e) {
            if (e.getErrorCode() != 1094) { // unknown thread id: it ended by itself meanwhile
                throw e;
            }
        }
    }

    /** @return the test server's URL with this test's database instead of the configured one */
    private static String databaseUrl() {
        return DB.url().replaceFirst("^(jdbc:(?:mariadb|mysql)://[^/]*/)[^?]*", "$1" + DATABASE);
    }
}
