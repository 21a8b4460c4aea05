package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

import java.util.ArrayList;
import java.util.List;

/** The improved tangent angle of one displacement device at one reading. */
public class DisplacementAngle {
    public String deviceId;
    public Site site;

    /** Event time of the newest reading of the regression. */
    public long ts;

    /** Least-squares velocity through the regression's readings, mm/h. */
    public double velocity;

    /** atan(velocity / steadyVelocity), degrees. */
    public double angle;

    /** The readings of the regression, oldest first. */
    public List<Evidence> readings = new ArrayList<>();

    public DisplacementAngle() {}
}
