package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A database nobody listens for: the store does not start, and says why without the password. */
class UnreachableDatabaseTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/test", "jdbc:mariadb://127.0.0.1:1/test"})
    void refusesToStartWhenTheServerCannotBeReached(String url) {
        assertThatThrownBy(() -> JdbiTokenStore.create(url, "haze", "pw-not-in-messages", JdbiStoreOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("open JDBC store: cannot connect to the database")
                .message().doesNotContain("pw-not-in-messages");
    }
}
