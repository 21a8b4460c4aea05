package io.citywatch.jobs.aggregates;

/**
 * A subtask's readings per risk point and minute, for the risk_point_1m window (see {@link
 * OpenMinutes}). ReadingSample.of builds a fresh sample per reading and nothing changes one, so a
 * sample may be kept as its minute's site.
 */
public class RiskPointMinutes
        extends ReadingMinutes<RiskPointMinute, RiskPointWindows.Accumulator, SiteInput> {
    public RiskPointMinutes() {
        super(
                "readings-of-open-minutes",
                RiskPointMinute.class,
                reading -> reading.riskPointId,
                RiskPointMinutes::emptyMinute,
                partial -> partial.riskPointId,
                partial -> partial.minute,
                partial -> partial.readings);
    }

    @Override
    SiteInput alone(ReadingSample reading) {
        return SiteInput.of(reading);
    }

    @Override
    SiteInput out(RiskPointMinute partial) {
        return SiteInput.of(partial);
    }

    static RiskPointMinute emptyMinute(String riskPointId, long minute) {
        RiskPointMinute partial = new RiskPointMinute();
        partial.riskPointId = riskPointId;
        partial.minute = minute;
        return partial;
    }
}
