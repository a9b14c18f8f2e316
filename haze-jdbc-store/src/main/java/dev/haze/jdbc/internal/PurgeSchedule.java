package dev.haze.jdbc.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which writes also purge expired rows: the first write, then one write per interval, judged by
 * the instants the writes carry (so tests that move time move purges too). Costs one atomic read on
 * the hot path; under concurrency exactly one writer per interval wins the purge.
 *
 * <p>Thread-safe.
 */
public final class PurgeSchedule {
    private final long intervalMillis;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);

    /** @param interval the least time between two piggybacked purges; zero purges on every write */
    public PurgeSchedule(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /**
     * @param now the instant of the current write
     * @return true when this caller should purge now (and has claimed the purge for this interval)
     */
    public boolean claim(Instant now) {
        long at = now.toEpochMilli();
        long last = lastPurge.get();
        // The absolute difference also restarts purging if time moves backwards (a test, a clock fix).
        boolean due = last == Long.MIN_VALUE || Math.abs(at - last) >= intervalMillis;
        return due && lastPurge.compareAndSet(last, at);
    }
}
