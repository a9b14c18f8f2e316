package dev.haze.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Time is moved by hand and waits are recorded, so nothing here depends on the machine's speed. */
class DeliveryTimingTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final List<Long> waits = new ArrayList<>();
    private final DeliveryTiming timing = timing(Duration.ofMillis(800));

    private DeliveryTiming timing(Duration estimate) {
        return new DeliveryTiming(estimate, now::get, nanos -> {
            waits.add(nanos);
            now.addAndGet(nanos);
        });
    }

    private void deliveryTaking(long millis) {
        long start = timing.start();
        now.addAndGet(millis * MS);
        timing.delivered(start);
    }

    @Test
    void aRefusedRequestWaitsAboutAsLongAsARealDelivery() {
        deliveryTaking(200);
        deliveryTaking(200);

        long start = timing.start();
        now.addAndGet(5 * MS);
        timing.padRefused(start);

        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(175 * MS, 215 * MS);
    }

    @Test
    void theAverageFollowsDeliveryTimes() {
        deliveryTaking(100);
        for (int i = 0; i < 40; i++) {
            deliveryTaking(500);
        }
        long start = timing.start();
        timing.padRefused(start);

        assertThat(waits.get(0)).isBetween(440 * MS, 560 * MS);
    }

    @Test
    void beforeAnyDeliveryARefusedRequestWaitsTheEstimate() {
        for (int i = 0; i < 3; i++) {
            long start = timing.start();
            now.addAndGet(20 * MS);
            timing.padRefused(start);
        }

        assertThat(waits).hasSize(3).allSatisfy(wait -> assertThat(wait).isBetween(700 * MS, 860 * MS));
    }

    @Test
    void theFirstTimedDeliveryReplacesTheEstimate() {
        deliveryTaking(150);

        long start = timing.start();
        timing.padRefused(start);

        assertThat(waits).hasSize(1);
        assertThat(waits.get(0)).isBetween(135 * MS, 165 * MS);
    }

    @Test
    void aZeroEstimateWaitsOnlyOnceADeliveryWasTimed() {
        DeliveryTiming off = timing(Duration.ZERO);
        off.padRefused(off.start());
        assertThat(waits).isEmpty();

        long start = off.start();
        now.addAndGet(100 * MS);
        off.delivered(start);
        off.padRefused(off.start());
        assertThat(waits).hasSize(1);
    }

    @Test
    void nothingIsPaddedWhenTheRequestWasAlreadySlow() {
        deliveryTaking(100);
        long slow = timing.start();
        now.addAndGet(300 * MS);
        timing.padRefused(slow);
        assertThat(waits).isEmpty();
    }

    @Test
    void theWaitIsCappedAtTenSeconds() {
        deliveryTaking(60_000);
        timing.padRefused(timing.start());

        assertThat(waits).containsExactly(DeliveryTiming.MAX_PAD.toNanos());
        assertThat(DeliveryTiming.MAX_PAD).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void estimatesOutsideZeroToTheCapAreRefused() {
        assertThatThrownBy(() -> timing(Duration.ofSeconds(11))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timing(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
