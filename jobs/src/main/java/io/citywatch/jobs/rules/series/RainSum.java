package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

/** A rain gauge's trailing sums over the windows ending at one of its readings, in mm. */
public class RainSum {
    public String deviceId;
    public Site site;
    public long ts;

    /** The reading that ends the windows. */
    public Evidence reading;

    public double sum1h;
    public double sum3h;
    public double sum6h;
    public double sum12h;
    public double sum24h;

    public RainSum() {}

    /** The sum over the trailing {@code hours}; one of {@link RainUnit#WINDOW_HOURS}. */
    public double sum(int hours) {
        return switch (hours) {
            case 1 -> sum1h;
            case 3 -> sum3h;
            case 6 -> sum6h;
            case 12 -> sum12h;
            case 24 -> sum24h;
            default -> throw new IllegalArgumentException("no trailing sum over " + hours + " h");
        };
    }

    void set(int hours, double sum) {
        switch (hours) {
            case 1 -> sum1h = sum;
            case 3 -> sum3h = sum;
            case 6 -> sum6h = sum;
            case 12 -> sum12h = sum;
            case 24 -> sum24h = sum;
            default -> throw new IllegalArgumentException("no trailing sum over " + hours + " h");
        }
    }
}
