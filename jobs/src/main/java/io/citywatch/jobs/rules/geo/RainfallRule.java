package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.series.RainLevels;
import io.citywatch.jobs.rules.series.RainSums;
import io.citywatch.jobs.rules.series.RainThreshold;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code geo.rainfall} (per device): a slope's rain gauge against the 1/3/6/24 h rainfall table for
 * geological-hazard warnings; the highest level any duration reaches. Parameters {@code
 * geo.rain<h>h.<level>}, e.g. {@code geo.rain1h.blue}.
 */
public class RainfallRule extends Rule {
    public static final String ID = "geo.rainfall";

    public static final List<RainThreshold> TABLE = table();

    public RainfallRule() {
        super(ID);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(RainSums.of(inputs))
                .filter(sum -> sum.site.kind == RiskPointKind.slope, "filter", "slope rain gauges")
                .byDevice(sum -> sum.deviceId)
                .process(
                        new RainLevels(ID, Scenario.geohazard, TABLE, inputs.settings()),
                        "levels",
                        "levels");
    }

    private static List<RainThreshold> table() {
        List<RainThreshold> rows = new ArrayList<>();
        for (AlertLevel level : AlertLevel.values()) {
            for (int hours : GeoParams.RAIN_HOURS) {
                rows.add(new RainThreshold(level, hours, GeoParams.rainfall(level, hours)));
            }
        }
        return List.copyOf(rows);
    }
}
