package io.citywatch.common.model;

/** China's four warning colours, in rising order of severity. */
public enum AlertLevel {
    blue,
    yellow,
    orange,
    red;

    public boolean isHigherThan(AlertLevel other) {
        return other == null || compareTo(other) > 0;
    }

    /** 1 blue … 4 red, the numeric level written to InfluxDB (0 means none). */
    public int rank() {
        return ordinal() + 1;
    }
}
