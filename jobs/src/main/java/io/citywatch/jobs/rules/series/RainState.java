package io.citywatch.jobs.rules.series;

import io.citywatch.jobs.rules.device.OrderedState;

/**
 * A rain gauge's window and warning level. The window keeps only the readings of the last day that
 * measured rain: a 0 mm reading adds nothing to any sum, so a dry gauge keeps nothing at all.
 */
public class RainState extends OrderedState {
    /** Times and mm of the readings with rain of the last day, oldest first; null when none. */
    public long[] ts;

    public double[] mm;

    /** 0 none, else the {@link io.citywatch.common.model.AlertLevel#rank()} of the open level. */
    public int level;

    public RainState() {}
}
