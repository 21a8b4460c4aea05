package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A subtask's readings per risk point and minute, for the risk_point_1m window (see {@link
 * OpenMinutes}). ReadingSample.of builds a fresh sample per reading and nothing changes one, so a
 * sample may be kept as its minute's site.
 */
public class RiskPointMinutes extends OpenMinutes<ReadingSample, RiskPointMinute, SiteInput> {
    private static final ListStateDescriptor<RiskPointMinute> OPEN_MINUTES =
            new ListStateDescriptor<>(
                    "readings-of-open-minutes", TypeInformation.of(RiskPointMinute.class));

    @Override
    ListStateDescriptor<RiskPointMinute> stateDescriptor() {
        return OPEN_MINUTES;
    }

    @Override
    String key(ReadingSample reading) {
        return reading.riskPointId;
    }

    @Override
    RiskPointMinute newMinute(String riskPointId, long minute) {
        return RiskPointMinute.of(riskPointId, minute);
    }

    @Override
    void add(RiskPointMinute partial, ReadingSample reading) {
        partial.readings.add(reading);
    }

    @Override
    void merge(RiskPointMinute held, RiskPointMinute more) {
        held.readings.merge(more.readings);
    }

    @Override
    String keyOf(RiskPointMinute partial) {
        return partial.riskPointId;
    }

    @Override
    long minuteOf(RiskPointMinute partial) {
        return partial.minute;
    }

    @Override
    SiteInput alone(ReadingSample reading) {
        return SiteInput.of(reading);
    }

    @Override
    SiteInput out(RiskPointMinute partial) {
        return SiteInput.of(partial);
    }
}
