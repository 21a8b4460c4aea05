package io.citywatch.jobs.aggregates;

/** One subtask's readings of one risk point in one minute ({@link RiskPointMinutes}). */
public class RiskPointMinute {
    public String riskPointId;

    /** Start of the minute (epoch ms). */
    public long minute;

    public RiskPointWindows.Accumulator readings = new RiskPointWindows.Accumulator();

    public RiskPointMinute() {}
}
