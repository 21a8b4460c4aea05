package io.citywatch.jobs.aggregates;

import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** The one-minute tumbling windows of the aggregates, as the pre-aggregates see them. */
final class Minutes {
    static final long LENGTH = InfluxPoints.MINUTE.toMillis();

    private Minutes() {}

    static long start(long timestamp) {
        return TimeWindow.getWindowStartWithOffset(timestamp, 0, LENGTH);
    }

    /** The last millisecond of the minute, when its window fires (TimeWindow.maxTimestamp). */
    static long last(long minuteStart) {
        return minuteStart + LENGTH - 1;
    }
}
