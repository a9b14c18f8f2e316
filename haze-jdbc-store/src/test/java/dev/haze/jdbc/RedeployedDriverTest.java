package dev.haze.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.store.ConsumeResult.Status;
import dev.haze.store.StoredToken;
import dev.haze.store.TokenHashes;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A servlet container deregisters a web application's JDBC drivers from {@link DriverManager} when it is
 * undeployed and does not scan again on redeploy. The store must still open a pool from a URL then.
 */
class RedeployedDriverTest {

    @Test
    void opensAPoolWhenDriverManagerHasForgottenTheDriver() throws SQLException {
        List<Driver> removed = new ArrayList<>();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getName().startsWith("org.h2.")) {
                DriverManager.deregisterDriver(driver);
                removed.add(driver);
            }
        }
        assertThat(removed).as("the H2 driver was registered before").isNotEmpty();
        try {
            Instant now = Instant.parse("2026-06-01T10:00:00Z");
            try (JdbiTokenStore store = JdbiTokenStore.create("jdbc:h2:mem:redeploy;DB_CLOSE_DELAY=-1", "sa", "",
                    JdbiStoreOptions.defaults())) {
                store.save(StoredToken.issued(TokenHashes.of("t"), "u", new byte[0], null, now, now.plusSeconds(60)));
                assertThat(store.consume(TokenHashes.of("t"), now).status()).isEqualTo(Status.CONSUMED);
            }
        } finally {
            for (Driver driver : removed) {
                DriverManager.registerDriver(driver);
            }
        }
    }
}
