package dev.haze.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand instead of sleeping. Thread-safe. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    /** @param start the initial instant */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @return a clock at 2026-01-01T00:00:00Z */
    public static MutableClock atFixedStart() {
        return new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** @param amount how far to move forward */
    public void advance(Duration amount) {
        now.updateAndGet(i -> i.plus(amount));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
