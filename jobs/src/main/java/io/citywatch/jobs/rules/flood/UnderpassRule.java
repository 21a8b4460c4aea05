package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code flood.underpass}: standing water in an underpass on 2 consecutive readings of one depth
 * gauge, yellow ≥ 10 cm, orange ≥ 20 cm, red ≥ 30 cm (road closure). Keyed by risk point, so that
 * the road's one alert clears only when every gauge there is dry.
 */
public class UnderpassRule extends Rule {
    public static final String ID = "flood.underpass";

    public UnderpassRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(inputs.deviceEvents())
                .filter(UnderpassRule::isInput, "filter", "underpass water depths")
                .keyBy(event -> event.site.riskPointId)
                .process(new UnderpassDepths(inputs.settings()), "depths", "depths");
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.WATER_DEPTH
                && event.site.kind == RiskPointKind.underpass;
    }
}
