package io.citywatch.jobs.aggregates;

/** One subtask's readings of one risk point in one minute ({@link RiskPointMinutes}). */
public class RiskPointMinute {
    public String riskPointId;

    /** Start of the minute (epoch ms). */
    public long minute;

    public RiskPointWindows.Accumulator readings;

    public RiskPointMinute() {}

    static RiskPointMinute of(String riskPointId, long minute) {
        RiskPointMinute partial = new RiskPointMinute();
        partial.riskPointId = riskPointId;
        partial.minute = minute;
        partial.readings = new RiskPointWindows.Accumulator();
        return partial;
    }
}
