package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleParam;

import java.io.Serializable;

/** One row of a rain warning table: {@code level} when the {@code hours} sum reaches the limit. */
public class RainThreshold implements Serializable {
    private static final long serialVersionUID = 1L;

    public final AlertLevel level;
    public final int hours;

    /** The limit in mm, e.g. {@code geo.rain1h.blue}. */
    public final RuleParam param;

    public RainThreshold(AlertLevel level, int hours, RuleParam param) {
        this.level = level;
        this.hours = hours;
        this.param = param;
    }

    public double limit(Site site) {
        return param.of(site);
    }

    public boolean reachedBy(RainSum sum) {
        return sum.sum(hours) >= limit(sum.site);
    }
}
