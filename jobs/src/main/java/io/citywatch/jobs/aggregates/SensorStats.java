package io.citywatch.jobs.aggregates;

/** min / max / mean / last / count of one sensor type's readings in a window. */
public class SensorStats {
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public double sum;
    public long count;
    public double last;
    public long lastTs = Long.MIN_VALUE;

    public SensorStats() {}

    public void add(double value, long ts) {
        min = Math.min(min, value);
        max = Math.max(max, value);
        sum += value;
        count++;
        // the newest reading is the last; of two at the same ms, the later arrival
        if (ts >= lastTs) {
            last = value;
            lastTs = ts;
        }
    }

    public SensorStats merge(SensorStats other) {
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
        count += other.count;
        if (other.lastTs >= lastTs) {
            last = other.last;
            lastTs = other.lastTs;
        }
        return this;
    }

    public double mean() {
        return count == 0 ? 0 : sum / count;
    }
}
