package io.citywatch.jobs.rules.geo;

import io.citywatch.jobs.rules.device.OrderedState;

/**
 * A slope displacement device's readings, angle streak and level. The readings are those the next
 * regression and the streak's evidence need, in arrival order: usually the last five, more only
 * while a reading re-sent with another value at the same instant is still part of the evidence.
 */
public class DisplacementState extends OrderedState {
    /** Times and values of the readings, oldest first; null when none. */
    public long[] ts;

    public double[] values;

    /**
     * The streak's tangent angles (°), oldest first: those at the last {@code angles.length}
     * readings; null when none.
     */
    public double[] angles;

    /** 0 none, else the {@link io.citywatch.common.model.AlertLevel#rank()} held. */
    public int level;

    public DisplacementState() {}
}
