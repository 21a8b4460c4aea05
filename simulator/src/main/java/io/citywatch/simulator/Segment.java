package io.citywatch.simulator;

/**
 * A scenario's hold on one device from {@code fromTs} (inclusive) to {@code toTs} (exclusive): each
 * reading's value comes from {@link #value}, or the device is silent when it returns null.
 */
final class Segment {
    /**
     * The value of the {@code n}-th reading in the segment at {@code ts}, given its quiet value.
     */
    @FunctionalInterface
    interface Value {
        Double at(int n, long ts, double quiet);
    }

    final SimDevice device;
    final long fromTs;
    final long toTs;
    final Value value;

    Segment(SimDevice device, long fromTs, long toTs, Value value) {
        this.device = device;
        this.fromTs = fromTs;
        this.toTs = toTs;
        this.value = value;
    }

    boolean covers(long ts) {
        return ts >= fromTs && ts < toTs;
    }
}
