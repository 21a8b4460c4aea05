package io.citywatch.jobs.rules.geo;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code geo.displacement} (per device): the improved tangent-angle criterion on 3 consecutive
 * angles of one displacement device. A level rule: it clears its own episodes.
 */
public class DisplacementRule extends Rule {
    public static final String ID = "geo.displacement";

    public DisplacementRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(DisplacementAngles.of(inputs))
                .byDevice(angle -> angle.deviceId)
                .process(new AngleStreak(inputs.settings()), "streak", "angle streak");
    }
}
