package dev.haze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.testing.LinkParts;
import dev.haze.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One-time links under contention: exactly one of many simultaneous verifications wins. */
class ConcurrentVerificationTest {
    private static final int ROUNDS = 1000;
    private static final int THREADS = 32;
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS);

    @AfterAll
    static void shutdown() {
        POOL.shutdownNow();
    }

    @Test
    void consumesOnlyOnceUnderConcurrency() throws Exception {
        Haze haze = Haze.builder().baseUrl("https://myapp.com").secretKey(TestKeys.SECRET).build();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            MagicLink link = haze.generate("user" + round, null);
            String signature = LinkParts.signature(link);
            List<Future<Boolean>> attempts = new ArrayList<>(THREADS);
            for (int t = 0; t < THREADS; t++) {
                attempts.add(POOL.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        haze.verify(link.tokenId(), signature);
                        return true;
                    } catch (InvalidTokenException e) {
                        assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.ALREADY_USED);
                        return false;
                    }
                }));
            }
            int winners = 0;
            for (Future<Boolean> attempt : attempts) {
                if (attempt.get(30, TimeUnit.SECONDS)) {
                    winners++;
                }
            }
            assertThat(winners).as("winners in round %d", round).isEqualTo(1);
        }
    }
}
