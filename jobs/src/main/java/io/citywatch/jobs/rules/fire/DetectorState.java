package io.citywatch.jobs.rules.fire;

/**
 * A heat detector's temperatures that may still pair with a reading to come for a rate-of-rise
 * alarm, oldest first, one per event time: two primitive arrays, the smallest form Flink serializes
 * a list of (time, value) pairs in.
 */
public class DetectorState {
    public long[] ts;
    public double[] values;

    /** The rate-of-rise window of the latest temperature: how long a kept one may still pair. */
    public long riseWindowMillis;

    public DetectorState() {}
}
