package dev.haze.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haze.StorageException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store contract for {@link InMemoryTokenStore}, and its size bound. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    private static final int BOUND_ROUNDS = 1000;

    @Override
    protected TokenStore newStore() {
        return new InMemoryTokenStore();
    }

    @Test
    void aFullStoreRefusesTheNextSaveUntilEntriesExpire() {
        InMemoryTokenStore bounded = new InMemoryTokenStore(3);
        bounded.save(token("a"));
        bounded.save(token("b"));
        bounded.save(token("c"));
        bounded.consume(token("c").tokenHash(), T0.plusSeconds(1));

        assertThatThrownBy(() -> bounded.save(token("d"))).isInstanceOf(StorageException.class)
                .hasMessage("save token: the in-memory store is full (3 live entries); use a larger maxEntries"
                        + " or the JDBC store");
        assertThat(bounded.tokenCount()).as("consumed but unexpired tokens still count, none is evicted")
                .isEqualTo(3);
        assertThat(bounded.find(token("a").tokenHash())).isPresent();

        Instant afterExpiry = T0.plus(LIFETIME).plus(TokenStore.PURGE_GRACE).plusSeconds(1);
        StoredToken later = StoredToken.issued(TokenHashes.of("e"), "user-e", new byte[0], null, afterExpiry,
                afterExpiry.plus(LIFETIME));
        bounded.save(later);
        assertThat(bounded.find(later.tokenHash())).contains(later);
        assertThat(bounded.tokenCount()).as("the three, expired longer than the purge grace, were purged to make room").isEqualTo(1);
    }

    @Test
    void deletingATokenMakesRoomAtOnce() {
        InMemoryTokenStore bounded = new InMemoryTokenStore(1);
        bounded.save(token("a"));
        assertThatThrownBy(() -> bounded.save(token("b"))).isInstanceOf(StorageException.class);

        bounded.delete(token("a").tokenHash());
        bounded.save(token("b"));
        assertThat(bounded.tokenCount()).isEqualTo(1);
    }

    @Test
    void loginRequestsAndCountersHaveTheirOwnBound() {
        InMemoryTokenStore bounded = new InMemoryTokenStore(1);
        bounded.save(token("a"));
        bounded.saveLoginRequest(request("r1", "a"));
        assertThat(bounded.incrementCounter("k1", T0.plusSeconds(60), T0)).isEqualTo(1);

        assertThatThrownBy(() -> bounded.saveLoginRequest(request("r2", "a"))).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("save login request: the in-memory store is full");
        assertThatThrownBy(() -> bounded.incrementCounter("k2", T0.plusSeconds(60), T0))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("increment counter: the in-memory store is full");
        assertThat(bounded.incrementCounter("k1", T0.plusSeconds(60), T0)).as("an existing counter still counts")
                .isEqualTo(2);
        Instant pastGrace = T0.plusSeconds(60).plus(TokenStore.PURGE_GRACE).plusSeconds(1);
        assertThat(bounded.incrementCounter("k2", pastGrace.plusSeconds(60), pastGrace))
                .as("once k1's window has been over for the purge grace it makes room").isEqualTo(1);
    }

    @Test
    void theBoundIsExactUnderConcurrentSaves() throws Exception {
        for (int round = 0; round < BOUND_ROUNDS; round++) {
            InMemoryTokenStore bounded = new InMemoryTokenStore(4);
            AtomicInteger next = new AtomicInteger();
            List<Boolean> saved = race(() -> {
                try {
                    bounded.save(token("t" + next.getAndIncrement()));
                    return true;
                } catch (StorageException e) {
                    return false;
                }
            });
            assertThat(saved).as("round %d", round).filteredOn(ok -> ok).hasSize(4);
            assertThat(bounded.tokenCount()).as("round %d", round).isEqualTo(4);
        }
    }

    @Test
    void theBoundIsExactUnderConcurrentNewCounters() throws Exception {
        for (int round = 0; round < BOUND_ROUNDS; round++) {
            InMemoryTokenStore bounded = new InMemoryTokenStore(4);
            AtomicInteger next = new AtomicInteger();
            List<Boolean> counted = race(() -> {
                try {
                    bounded.incrementCounter("k" + next.getAndIncrement(), T0.plusSeconds(60), T0);
                    return true;
                } catch (StorageException e) {
                    return false;
                }
            });
            assertThat(counted).as("round %d", round).filteredOn(ok -> ok).hasSize(4);
        }
    }
}
