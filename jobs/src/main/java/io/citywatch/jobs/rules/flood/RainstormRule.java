package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.series.RainLevels;
import io.citywatch.jobs.rules.series.RainSum;
import io.citywatch.jobs.rules.series.RainSums;
import io.citywatch.jobs.rules.series.RainThreshold;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.List;

/**
 * {@code flood.rainstorm} (per device): a river station's or underpass's rain gauge against the CMA
 * rainstorm warning signals (blue 50 mm in 12 h, yellow 50 mm in 6 h, orange 50 mm in 3 h, red 100
 * mm in 3 h), measured instead of forecast.
 */
public class RainstormRule extends Rule {
    public static final String ID = "flood.rainstorm";

    public static final List<RainThreshold> TABLE =
            List.of(
                    new RainThreshold(AlertLevel.blue, 12, FloodParams.RAIN_12H_BLUE),
                    new RainThreshold(AlertLevel.yellow, 6, FloodParams.RAIN_6H_YELLOW),
                    new RainThreshold(AlertLevel.orange, 3, FloodParams.RAIN_3H_ORANGE),
                    new RainThreshold(AlertLevel.red, 3, FloodParams.RAIN_3H_RED));

    public RainstormRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(RainSums.of(inputs))
                .filter(RainstormRule::atFloodSite, "filter", "flood-site rain gauges")
                .byDevice(sum -> sum.deviceId)
                .process(
                        new RainLevels(ID, Scenario.flood, TABLE, inputs.settings()),
                        "levels",
                        "levels");
    }

    static boolean atFloodSite(RainSum sum) {
        return sum.site.kind == RiskPointKind.river_station
                || sum.site.kind == RiskPointKind.underpass;
    }
}
