package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.ConfigurationException;
import dev.haze.jdbc.internal.Dialect;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The store's settings and the choice of SQL dialect. */
class JdbiStoreOptionsTest {

    @Test
    void hasDocumentedDefaults() {
        JdbiStoreOptions defaults = JdbiStoreOptions.defaults();

        assertThat(defaults.tablePrefix()).isEqualTo("haze_");
        assertThat(defaults.autoCreateSchema()).isTrue();
        assertThat(defaults.poolSize()).isEqualTo(10);
        assertThat(defaults.purgeBatch()).isEqualTo(100);
        assertThat(defaults.purgeInterval()).isEqualTo(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_", "haze_", "app2_", "a_twenty_one_chars_ok"})
    void acceptsASafeTablePrefix(String prefix) {
        assertThat(JdbiStoreOptions.defaults().withTablePrefix(prefix).tablePrefix()).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "Haze_", "haze-", "a b", "x;drop", "a_twenty_two_chars_bad"})
    void refusesATablePrefixThatIsNotAPlainIdentifier(String prefix) {
        assertThatThrownBy(() -> JdbiStoreOptions.defaults().withTablePrefix(prefix))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("table-prefix must match");
    }

    @Test
    void refusesOutOfRangeSizes() {
        assertThatThrownBy(() -> JdbiStoreOptions.defaults().withPoolSize(0))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("jdbc-pool-size");
        assertThatThrownBy(() -> JdbiStoreOptions.defaults().withPurge(0, Duration.ZERO))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("purge batch");
        assertThatThrownBy(() -> JdbiStoreOptions.defaults().withPurge(1, Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("purge interval");
    }

    @ParameterizedTest
    @CsvSource({"PostgreSQL, POSTGRESQL", "MySQL, MYSQL", "MariaDB, MYSQL", "H2, H2", "SQLite, SQLITE"})
    void picksTheDialectFromTheProductName(String product, Dialect dialect) {
        assertThat(Dialect.forProduct(product)).isEqualTo(dialect);
    }

    @Test
    void namesAnUnsupportedProduct() {
        assertThatThrownBy(() -> Dialect.forProduct("Apache Derby"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'Apache Derby'").hasMessageContaining("supported: PostgreSQL");
    }
}
