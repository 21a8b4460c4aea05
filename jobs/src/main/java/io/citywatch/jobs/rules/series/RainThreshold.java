package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.jobs.events.Site;

import java.io.Serializable;

/** One row of a rain warning table: {@code level} when the {@code hours} sum reaches the limit. */
public class RainThreshold implements Serializable {
    private static final long serialVersionUID = 1L;

    public final AlertLevel level;
    public final int hours;

    /** The per-risk-point override key, e.g. {@code geo.rain1h.blue}. */
    public final String param;

    public final double defaultMm;

    public RainThreshold(AlertLevel level, int hours, String param, double defaultMm) {
        this.level = level;
        this.hours = hours;
        this.param = param;
        this.defaultMm = defaultMm;
    }

    public double limit(Site site) {
        return site.param(param, defaultMm);
    }

    public boolean reachedBy(RainSum sum) {
        return sum.sum(hours) >= limit(sum.site);
    }
}
