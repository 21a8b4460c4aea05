package io.citywatch.jobs.rules.device;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest run of a device's latest readings whose max − min stays within a tolerance, in
 * constant space per distinct extreme: instead of the readings it keeps their suffix minima and
 * suffix maxima (monotonic deques). A sensor stuck on one value keeps one point in each, however
 * long it stays stuck.
 */
public class FlatRun {
    /** Readings are decimals in binary: 20.01 − 20.00 must count as 0.01, not a hair above it. */
    static final double ROUNDING = 1e-9;

    /** One reading that is still the minimum (or maximum) of every run that contains it. */
    public static class Point {
        public long index;
        public long ts;
        public double value;

        /** Event time of the reading after this one: where a run starts when this one drops out. */
        public long nextTs;

        public Point() {}

        Point(long index, long ts, double value) {
            this.index = index;
            this.ts = ts;
            this.value = value;
        }
    }

    /** Index of the latest reading; readings are numbered from 0 in event-time order. */
    public long lastIndex = -1;

    public long lastTs;
    public long startIndex;
    public long startTs;

    /** Suffix minima, oldest first, values strictly increasing. */
    public List<Point> lows = new ArrayList<>();

    /** Suffix maxima, oldest first, values strictly decreasing. */
    public List<Point> highs = new ArrayList<>();

    public FlatRun() {}

    /** Adds the next reading and shrinks the run from its start until it is flat again. */
    public void add(long ts, double value, double tolerance) {
        long index = lastIndex + 1;
        linkPrevious(lows, ts);
        linkPrevious(highs, ts);
        while (!lows.isEmpty() && last(lows).value >= value) {
            lows.remove(lows.size() - 1);
        }
        while (!highs.isEmpty() && last(highs).value <= value) {
            highs.remove(highs.size() - 1);
        }
        lows.add(new Point(index, ts, value));
        highs.add(new Point(index, ts, value));
        if (index == 0) {
            startIndex = 0;
            startTs = ts;
        }
        lastIndex = index;
        lastTs = ts;
        while (max() - min() > tolerance + ROUNDING) {
            // the older of the two extremes cannot be in a flat run with the new reading
            List<Point> older = lows.get(0).index < highs.get(0).index ? lows : highs;
            Point dropped = older.remove(0);
            startIndex = dropped.index + 1;
            startTs = dropped.nextTs;
        }
    }

    public long count() {
        return lastIndex - startIndex + 1;
    }

    public long durationMillis() {
        return lastTs - startTs;
    }

    public double min() {
        return lows.get(0).value;
    }

    public double max() {
        return highs.get(0).value;
    }

    public Point minPoint() {
        return lows.get(0);
    }

    public Point maxPoint() {
        return highs.get(0);
    }

    private void linkPrevious(List<Point> points, long ts) {
        if (!points.isEmpty() && last(points).index == lastIndex) {
            last(points).nextTs = ts;
        }
    }

    private static Point last(List<Point> points) {
        return points.get(points.size() - 1);
    }
}
