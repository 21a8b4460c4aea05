package io.citywatch.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts records and remembers when the first and the latest went by, per name. The MiniCluster
 * runs in the benchmark's own JVM, so operators and the harness share these statics.
 */
public final class Meter {
    private static final ConcurrentHashMap<String, Meter> METERS = new ConcurrentHashMap<>();

    private final LongAdder count = new LongAdder();
    private final AtomicLong firstNanos = new AtomicLong();
    private volatile long lastNanos;

    private Meter() {}

    public static Meter named(String name) {
        return METERS.computeIfAbsent(name, n -> new Meter());
    }

    /** A fresh meter under {@code name}. */
    public static Meter reset(String name) {
        Meter meter = new Meter();
        METERS.put(name, meter);
        return meter;
    }

    public void mark() {
        long now = System.nanoTime();
        if (firstNanos.get() == 0) {
            firstNanos.compareAndSet(0, now);
        }
        lastNanos = now;
        count.increment();
    }

    public long count() {
        return count.sum();
    }

    public long firstNanos() {
        return firstNanos.get();
    }

    public long lastNanos() {
        return lastNanos;
    }
}
