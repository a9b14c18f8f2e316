package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import dev.haze.store.ConsumeResult.Status;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import dev.haze.store.TokenStore;
import dev.haze.store.TokenStoreProvider;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import javax.naming.Context;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code store=jdbc} as the servlet filter uses it: found through ServiceLoader, configured by options. */
class JdbcTokenStoreProviderTest {
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private final TokenStoreProvider provider = ServiceLoader.load(TokenStoreProvider.class).stream()
            .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("jdbc")).findFirst().orElseThrow();

    @AfterEach
    void forgetJndi() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        TestNamingContext.BINDINGS.clear();
    }

    @Test
    void isFoundByServiceLoaderWithItsOptions() {
        assertThat(provider).isInstanceOf(JdbcTokenStoreProvider.class);
        assertThat(provider.optionNames()).containsExactlyInAnyOrder("jdbc-url", "jdbc-username", "jdbc-password",
                "jndi-datasource", "table-prefix", "auto-create-schema", "jdbc-pool-size");
    }

    @Test
    void createsAWorkingStoreFromAJdbcUrl() {
        Map<String, String> options = Map.of("jdbc-url", h2Url(), "jdbc-username", "sa", "jdbc-password", "",
                "table-prefix", "app_", "jdbc-pool-size", "2", "auto-create-schema", "true");

        try (TokenStore store = provider.create(options)) {
            assertWorks(store);
            assertThat(((JdbiTokenStore) store).options().tablePrefix()).isEqualTo("app_");
            assertThat(((JdbiTokenStore) store).options().poolSize()).isEqualTo(2);
        }
    }

    @Test
    void createsAWorkingStoreFromAJndiDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url());
        TestNamingContext.BINDINGS.put("java:comp/env/jdbc/haze", dataSource);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNamingContext.class.getName());

        try (TokenStore store = provider.create(Map.of("jndi-datasource", "java:comp/env/jdbc/haze"))) {
            assertWorks(store);
        }
    }

    @Test
    void reportsAJndiNameThatIsNotBound() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNamingContext.class.getName());

        assertThatThrownBy(() -> provider.create(Map.of("jndi-datasource", "java:comp/env/jdbc/missing")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jndi-datasource: cannot look up 'java:comp/env/jdbc/missing'");
    }

    @Test
    void reportsAJndiObjectThatIsNoDataSource() {
        TestNamingContext.BINDINGS.put("java:comp/env/jdbc/haze", "a string");
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNamingContext.class.getName());

        assertThatThrownBy(() -> provider.create(Map.of("jndi-datasource", "java:comp/env/jdbc/haze")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jndi-datasource").hasMessageContaining("is not a javax.sql.DataSource");
    }

    @Test
    void requiresAJdbcUrlOrAJndiDataSource() {
        assertThatThrownBy(() -> provider.create(Map.of("jdbc-username", "sa", "jdbc-url", " ")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jdbc-url").hasMessageContaining("jndi-datasource");
    }

    @Test
    void refusesBothAJdbcUrlAndAJndiDataSource() {
        assertThatThrownBy(() -> provider.create(Map.of("jdbc-url", h2Url(), "jndi-datasource", "java:comp/env/x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("store=jdbc takes jdbc-url or jndi-datasource, not both");
    }

    @ParameterizedTest
    @CsvSource({"jdbc-username, sa", "jdbc-password, secret", "jdbc-pool-size, 5"})
    void refusesUrlOptionsWithAJndiDataSource(String option, String value) {
        Map<String, String> options = Map.of("jndi-datasource", "java:comp/env/jdbc/haze", option, value);

        assertThatThrownBy(() -> provider.create(options))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(option + " applies to jdbc-url only")
                .message().doesNotContain("secret");
    }

    @ParameterizedTest
    @CsvSource({
        "table-prefix, Haze-",
        "table-prefix, 'x; drop table users; --'",
        "table-prefix, a_prefix_longer_than_twenty_one",
        "jdbc-pool-size, 0",
        "jdbc-pool-size, ten",
        "auto-create-schema, yes"})
    void namesTheOptionWithABadValue(String option, String value) {
        Map<String, String> options = new HashMap<>(Map.of("jdbc-url", h2Url()));
        options.put(option, value);

        assertThatThrownBy(() -> provider.create(options))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(option + " must");
    }

    @Test
    void saysWhichDriverToAddForAnUnknownUrl() {
        assertThatThrownBy(() -> provider.create(Map.of("jdbc-url", "jdbc:nosuchdb://host/db",
                "jdbc-password", "pw-not-in-messages")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("jdbc-url: no JDBC driver on the classpath accepts this URL")
                .hasMessageContaining("org.postgresql:postgresql")
                .message().doesNotContain("pw-not-in-messages");
    }

    private static String h2Url() {
        return "jdbc:h2:mem:provider-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static void assertWorks(TokenStore store) {
        String hash = TokenHashes.of("id");
        store.save(StoredToken.issued(hash, "u", new byte[0], null, T0, T0.plusSeconds(60)));
        assertThat(store.consume(hash, T0).status()).isEqualTo(Status.CONSUMED);
    }
}
