package io.citywatch.jobs.rules.series;

import io.citywatch.jobs.rules.device.OrderedState;

/**
 * The readings of one device that may still be the lowest of a rise window, oldest first: two
 * primitive arrays, the smallest form Flink serializes a list of (time, value) pairs in.
 */
public class RiseState extends OrderedState {
    public long[] ts;
    public double[] values;

    public RiseState() {}
}
