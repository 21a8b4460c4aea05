package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code flood.water_level} (per device): river stage against the registry's warning, guarantee and
 * record levels, with hysteresis. A level rule: it clears its own episodes.
 */
public class WaterLevelRule implements Rule {
    public static final String ID = "flood.water_level";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .readings(
                        event ->
                                event.isValidReading()
                                        && event.reading.type == SensorType.WATER_LEVEL,
                        "water levels")
                .process(new WaterLevelStages(inputs.settings()), "stages", "stages");
    }
}
