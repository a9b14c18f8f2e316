package dev.haze.jdbc;

import dev.haze.ConfigurationException;
import dev.haze.HazeOptions;
import dev.haze.store.TokenStore;
import dev.haze.store.TokenStoreProvider;
import java.util.Map;
import java.util.Set;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The {@code store=jdbc} provider, found through {@link java.util.ServiceLoader}. Options:
 * <ul>
 *   <li>{@code jdbc-url} (with optional {@code jdbc-username}, {@code jdbc-password}, {@code jdbc-pool-size}):
 *       the store owns a HikariCP pool named {@code haze};</li>
 *   <li>or {@code jndi-datasource}: a container-managed {@code DataSource} looked up through
 *       {@link InitialContext}, e.g. {@code java:comp/env/jdbc/haze};</li>
 *   <li>{@code table-prefix} (default {@code haze_}), {@code auto-create-schema} (default {@code true}).</li>
 * </ul>
 * Exactly one of {@code jdbc-url} and {@code jndi-datasource} is required.
 *
 * <p>Stateless and thread-safe. Security: the password is never part of a message.
 */
public final class JdbcTokenStoreProvider implements TokenStoreProvider {
    /** The JDBC URL of a pool the store owns. */
    public static final String JDBC_URL = "jdbc-url";
    /** The database user for {@link #JDBC_URL}. */
    public static final String JDBC_USERNAME = "jdbc-username";
    /** The database password for {@link #JDBC_URL}; use {@code ${env:…}} or {@code ${file:…}}. */
    public static final String JDBC_PASSWORD = "jdbc-password";
    /** The JNDI name of a container-managed DataSource. */
    public static final String JNDI_DATASOURCE = "jndi-datasource";
    /** The table prefix. */
    public static final String TABLE_PREFIX = "table-prefix";
    /** Whether missing tables are created at start. */
    public static final String AUTO_CREATE_SCHEMA = "auto-create-schema";
    /** The size of the pool for {@link #JDBC_URL}. */
    public static final String JDBC_POOL_SIZE = "jdbc-pool-size";

    private static final Set<String> OPTIONS = Set.of(JDBC_URL, JDBC_USERNAME, JDBC_PASSWORD, JNDI_DATASOURCE,
            TABLE_PREFIX, AUTO_CREATE_SCHEMA, JDBC_POOL_SIZE);
    private static final Set<String> URL_ONLY = Set.of(JDBC_USERNAME, JDBC_PASSWORD, JDBC_POOL_SIZE);

    /** Used by {@link java.util.ServiceLoader}. */
    public JdbcTokenStoreProvider() {
    }

    /** @return {@code jdbc} */
    @Override
    public String name() {
        return "jdbc";
    }

    /** @return the option names listed in the class description */
    @Override
    public Set<String> optionNames() {
        return OPTIONS;
    }

    /**
     * @param options the options above (placeholders already resolved); blank values count as absent
     * @return a ready store; close it to release its pool
     * @throws ConfigurationException naming the option that is missing, contradictory or wrong
     * @throws dev.haze.StorageException if the database cannot be reached or the schema not created
     */
    @Override
    public TokenStore create(Map<String, String> options) {
        String url = value(options, JDBC_URL);
        String jndi = value(options, JNDI_DATASOURCE);
        if (url == null && jndi == null) {
            throw new ConfigurationException("store=jdbc needs " + JDBC_URL + " (with " + JDBC_USERNAME + " and "
                    + JDBC_PASSWORD + ") or " + JNDI_DATASOURCE);
        }
        if (url != null && jndi != null) {
            throw new ConfigurationException("store=jdbc takes " + JDBC_URL + " or " + JNDI_DATASOURCE
                    + ", not both");
        }
        JdbiStoreOptions storeOptions = storeOptions(options);
        if (url != null) {
            return JdbiTokenStore.create(url, value(options, JDBC_USERNAME), value(options, JDBC_PASSWORD),
                    storeOptions);
        }
        for (String option : URL_ONLY) {
            if (value(options, option) != null) {
                throw new ConfigurationException(option + " applies to " + JDBC_URL + " only; the " + JNDI_DATASOURCE
                        + " brings its own connections and credentials");
            }
        }
        return JdbiTokenStore.create(lookup(jndi), storeOptions);
    }

    private static JdbiStoreOptions storeOptions(Map<String, String> options) {
        JdbiStoreOptions result = JdbiStoreOptions.defaults();
        String prefix = value(options, TABLE_PREFIX);
        if (prefix != null) {
            result = result.withTablePrefix(prefix.trim());
        }
        String create = value(options, AUTO_CREATE_SCHEMA);
        if (create != null) {
            result = result.withAutoCreateSchema(HazeOptions.bool(AUTO_CREATE_SCHEMA, create));
        }
        String size = value(options, JDBC_POOL_SIZE);
        if (size != null) {
            result = result.withPoolSize(HazeOptions.integer(JDBC_POOL_SIZE, size, 1, 1000));
        }
        return result;
    }

    private static DataSource lookup(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new ConfigurationException(JNDI_DATASOURCE + ": cannot look up '" + name + "' (" + e + ")", e);
        }
        if (found instanceof DataSource dataSource) {
            return dataSource;
        }
        throw new ConfigurationException(JNDI_DATASOURCE + ": '" + name + "' is not a javax.sql.DataSource but "
                + (found == null ? "null" : found.getClass().getName()));
    }

    private static String value(Map<String, String> options, String name) {
        String v = options.get(name);
        return v == null || v.isBlank() ? null : v;
    }
}
