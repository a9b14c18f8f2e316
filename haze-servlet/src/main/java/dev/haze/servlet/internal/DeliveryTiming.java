package dev.haze.servlet.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the answer for an address the application refuses (through its {@code UserResolver}) about as
 * slow as the answer for one that gets a link, so response times do not tell which addresses have an
 * account. It keeps a moving average of how long issuing and delivering a link takes, and makes a refused
 * request wait until about that long has passed since it reached the same point (with ±10% jitter and at
 * most {@link #MAX_PAD}).
 *
 * <p>Until the first real delivery has been timed (after every start, on every node) the average is an
 * estimate, {@link #DEFAULT_ESTIMATE} unless configured: a refused address is then held back that long, so
 * that it is not answered at once while a known one waits for its email. The first timed delivery replaces
 * the estimate. Thread-safe.
 */
public final class DeliveryTiming {
    /** The longest a refused request is held back: the SMTP sender's default connect timeout. */
    public static final Duration MAX_PAD = Duration.ofSeconds(10);
    /** The delivery time assumed until one is timed: a typical SMTP submission with TLS and login. */
    public static final Duration DEFAULT_ESTIMATE = Duration.ofSeconds(1);

    /** Waits; {@link Thread#sleep} in production, recorded in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * @param nanos how long to wait
         * @throws InterruptedException if interrupted
         */
        void sleep(long nanos) throws InterruptedException;
    }

    private static final SecureRandom JITTER = new SecureRandom();

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long estimate;
    /** Moving average of successful issue-and-send durations in nanoseconds; negative until the first. */
    private final AtomicLong average = new AtomicLong(-1);

    /**
     * Real time and {@link Thread#sleep}.
     *
     * @param estimate the delivery time assumed until one is timed, 0 to {@link #MAX_PAD}
     */
    public DeliveryTiming(Duration estimate) {
        this(estimate, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /**
     * @param estimate the delivery time assumed until one is timed, 0 to {@link #MAX_PAD}
     * @param nanoTime the time source
     * @param sleeper how to wait
     */
    public DeliveryTiming(Duration estimate, LongSupplier nanoTime, Sleeper sleeper) {
        if (estimate.isNegative() || estimate.compareTo(MAX_PAD) > 0) {
            throw new IllegalArgumentException("estimate must be between 0 and " + MAX_PAD + ", was " + estimate);
        }
        this.estimate = estimate.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** @return now, to pass to {@link #delivered} or {@link #padRefused} */
    public long start() {
        return nanoTime.getAsLong();
    }

    /** @param startedAt when the issue-and-send step began: it succeeded, and its duration is learnt */
    public void delivered(long startedAt) {
        long took = Math.max(0, nanoTime.getAsLong() - startedAt);
        average.updateAndGet(avg -> avg < 0 ? took : avg + (took - avg) / 8);
    }

    /** @param startedAt when a refused request reached the point where a link would have been issued */
    public void padRefused(long startedAt) {
        long measured = average.get();
        long typical = measured < 0 ? estimate : measured;
        if (typical <= 0) {
            return;
        }
        long target = typical + (long) ((JITTER.nextDouble() * 0.2 - 0.1) * typical);
        long remaining = Math.min(target - (nanoTime.getAsLong() - startedAt), MAX_PAD.toNanos());
        if (remaining <= 0) {
            return;
        }
        try {
            sleeper.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
