package dev.haze.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database the JDBC tests run on, as a JUnit 5 extension registered in a static field:
 * {@code @RegisterExtension static final TestDatabase DB = TestDatabase.postgresql();}.
 *
 * <p>Before the class it opens a small pool; a server that cannot be reached skips each test with a
 * message saying how to enable it, unless {@code HAZE_REQUIRE_DATABASES=1}, which fails the class.
 * Each class gets its own random table prefix (see {@link #prefix()}); every table made under a prefix
 * from this object is dropped after the class, so runs are repeatable and independent. Public for the
 * servlet tests of this module (package {@code dev.haze.servlet}), which run the filter on this store.
 */
public final class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private static final String REQUIRE = "HAZE_REQUIRE_DATABASES";
    private static final List<String> TABLES = List.of("tokens", "login_requests", "counters");

    private final String name;
    private final String envPrefix;
    private final String url;
    private final String user;
    private final String password;
    private final Path directory;
    private final List<String> prefixes = new CopyOnWriteArrayList<>();
    private HikariDataSource pool;
    private HikariDataSource widePool;
    private String prefix;
    private String unreachable;

    private TestDatabase(String name, String envPrefix, String url, String user, String password, Path directory) {
        this.name = name;
        this.envPrefix = envPrefix;
        this.url = url;
        this.user = user;
        this.password = password;
        this.directory = directory;
    }

    /** @return PostgreSQL from HAZE_TEST_POSTGRES_URL/_USER/_PASSWORD, default 127.0.0.1:5432/test as postgres */
    public static TestDatabase postgresql() {
        return server("PostgreSQL", "HAZE_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/test", "postgres");
    }

    /** @return MariaDB/MySQL from HAZE_TEST_MARIADB_URL/_USER/_PASSWORD, default 127.0.0.1:3306/test as root */
    static TestDatabase mariadb() {
        return server("MariaDB", "HAZE_TEST_MARIADB", "jdbc:mariadb://127.0.0.1:3306/test", "root");
    }

    /** @return a private in-memory H2 database */
    static TestDatabase h2() {
        return new TestDatabase("H2", null, "jdbc:h2:mem:haze-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "", null);
    }

    /** @return an H2 file database in a fresh temporary directory */
    static TestDatabase h2File() {
        Path dir = temporaryDirectory();
        return new TestDatabase("H2 (file)", null, "jdbc:h2:" + dir.resolve("haze"), "sa", "", dir);
    }

    /** @return an SQLite file database in a fresh temporary directory */
    static TestDatabase sqlite() {
        Path dir = temporaryDirectory();
        return new TestDatabase("SQLite", null, "jdbc:sqlite:" + dir.resolve("haze.db"), null, null, dir);
    }

    private static TestDatabase server(String name, String envPrefix, String defaultUrl, String defaultUser) {
        return new TestDatabase(name, envPrefix, env(envPrefix + "_URL", defaultUrl), env(envPrefix + "_USER", defaultUser),
                env(envPrefix + "_PASSWORD", ""), null);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("haze-jdbc-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            pool = pool(url, 10, 5_000);
        } catch (RuntimeException e) {
            String problem = name + " is not reachable at " + url + " as " + user + " (" + rootMessage(e) + ")";
            if ("1".equals(System.getenv(REQUIRE))) {
                throw new IllegalStateException(problem + "; " + REQUIRE + "=1 requires it", e);
            }
            unreachable = problem + ". To run these tests start it, or point " + envPrefix + "_URL, " + envPrefix
                    + "_USER and " + envPrefix + "_PASSWORD at one (set " + REQUIRE + "=1 to make this a failure).";
            return;
        }
        prefix = newPrefix();
    }

    /** Skips each test, with the reason, when the server was not reachable (reported per test by Surefire). */
    @Override
    public void beforeEach(ExtensionContext context) {
        Assumptions.assumeTrue(unreachable == null, () -> unreachable);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (pool == null) {
            return;
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String p : prefixes) {
                for (String table : TABLES) {
                    s.execute("DROP TABLE IF EXISTS " + p + table);
                }
            }
        } finally {
            closeWidePool();
            pool.close();
            deleteDirectory();
        }
    }

    /**
     * @param maxSize the pool's size
     * @param connectionTimeoutMillis how long a borrow waits
     * @return a new pool on this database, owned by the caller
     */
    HikariDataSource pool(int maxSize, long connectionTimeoutMillis) {
        return pool(url, maxSize, connectionTimeoutMillis);
    }

    /**
     * @param jdbcUrl a URL on this database's server
     * @param maxSize the pool's size
     * @param connectionTimeoutMillis how long a borrow waits
     * @return a new pool, owned by the caller
     */
    HikariDataSource pool(String jdbcUrl, int maxSize, long connectionTimeoutMillis) {
        return pool(jdbcUrl, user, password, maxSize, connectionTimeoutMillis);
    }

    /**
     * @param jdbcUrl a URL on this database's server
     * @param user the user to connect as
     * @param password its password
     * @param maxSize the pool's size
     * @param connectionTimeoutMillis how long a borrow waits
     * @return a new pool, owned by the caller
     */
    HikariDataSource pool(String jdbcUrl, String user, String password, int maxSize, long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("haze-test");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxSize);
        config.setConnectionTimeout(connectionTimeoutMillis);
        return new HikariDataSource(config);
    }

    /** @return the class's pool of 10 connections */
    DataSource dataSource() {
        return pool;
    }

    /**
     * A pool wide enough for {@code connections} statements to be in the database at the same time, so
     * that racing threads really race there rather than queue for a connection. Opened once per class
     * (all connections at once, as HikariCP fills it), closed after the class.
     *
     * @param connections the least number of connections
     * @return the class's wide pool
     */
    synchronized DataSource widePool(int connections) {
        if (widePool != null && widePool.getMaximumPoolSize() < connections) {
            closeWidePool();
        }
        if (widePool == null) {
            widePool = pool(connections, 10_000);
        }
        return widePool;
    }

    private synchronized void closeWidePool() {
        if (widePool != null) {
            widePool.close();
            widePool = null;
        }
    }

    /** @return the JDBC URL */
    public String url() {
        return url;
    }

    /** @return the user, or null */
    public String user() {
        return user;
    }

    /** @return the password, or null */
    public String password() {
        return password;
    }

    /** @return the table prefix of this class */
    public String prefix() {
        return prefix;
    }

    /** @return a fresh random table prefix whose tables are dropped after the class */
    String newPrefix() {
        String p = "hz" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        prefixes.add(p);
        return p;
    }

    /** Deletes every row of the tables under {@link #prefix()} (they must exist). */
    void deleteRows() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + prefix + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean the test tables", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private void deleteDirectory() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
