package io.citywatch.jobs.influx;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential back-off with full jitter: attempt n waits a random time in [initial·2ⁿ/2,
 * initial·2ⁿ], capped, and never less than a server's Retry-After. Reset after a success.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator random;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    synchronized long next(long retryAfterMillis) {
        int exponent = Math.min(failures, 30);
        failures++;
        long ceiling = Math.min(maxMillis, initialMillis << exponent);
        long half = ceiling / 2;
        long delay = half + random.applyAsLong(ceiling - half);
        return Math.max(delay, Math.min(retryAfterMillis, maxMillis * 4));
    }

    synchronized int failures() {
        return failures;
    }

    synchronized void reset() {
        failures = 0;
    }
}
