package dev.haze.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServerGoneContract} on PostgreSQL: backends are ended with {@code pg_terminate_backend} (the
 * store sees SQLState 57P01, as after a server restart) and new connections refused with
 * {@code ALTER DATABASE … ALLOW_CONNECTIONS false}.
 */
class PostgresFailureTest extends ServerGoneContract {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgresql();

    @Override
    protected TestDatabase server() {
        return DB;
    }

    @Override
    protected void createDatabase() throws SQLException {
        dropDatabase();
        admin("CREATE DATABASE " + DATABASE);
    }

    @Override
    protected void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Override
    protected HikariDataSource storePool(int size, long connectionTimeoutMillis) {
        return DB.pool(databaseUrl(), size, connectionTimeoutMillis);
    }

    @Override
    protected Connection otherNode() throws SQLException {
        return DriverManager.getConnection(databaseUrl(), DB.user(), DB.password());
    }

    @Override
    protected void stopServer() throws SQLException {
        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
    }

    @Override
    protected void startServer() throws SQLException {
        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    }

    @Override
    protected List<Long> connectionsWaitingForALock() throws SQLException {
        return ids("SELECT pid FROM pg_stat_activity WHERE datname = '" + DATABASE + "' AND wait_event_type = 'Lock'");
    }

    @Override
    protected void endConnection(long id) throws SQLException {
        admin("SELECT pg_terminate_backend(" + id + ")");
    }

    /** @return the test server's URL with this test's database instead of the configured one */
    private static String databaseUrl() {
        return DB.url().replaceFirst("^(jdbc:postgresql://[^/]*/)[^?]*", "$1" + DATABASE);
    }
}
