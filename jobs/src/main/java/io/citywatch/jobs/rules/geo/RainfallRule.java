package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.series.RainRule;
import io.citywatch.jobs.rules.series.RainSum;
import io.citywatch.jobs.rules.series.RainThreshold;
import io.citywatch.jobs.rules.series.RainUnit;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code geo.rainfall} (per device): a slope's rain gauge against the 1/3/6/24 h rainfall table for
 * geological-hazard warnings; the highest level any duration reaches. Parameters {@code
 * geo.rain<h>h.<level>}, e.g. {@code geo.rain1h.blue}. Its unit also sends geo.rain_then_movement
 * the heavy hourly rain.
 */
public class RainfallRule extends RainRule {
    public static final String ID = "geo.rainfall";

    public static final List<RainThreshold> TABLE = table();

    public RainfallRule() {
        super(ID, Scenario.geohazard, TABLE, DeviceRuleState.RAINFALL);
    }

    @Override
    protected boolean readsGauge(DeviceEvent event) {
        return isInput(event);
    }

    /** The heavy hourly rain geo.rain_then_movement pairs with movement. */
    @Override
    protected void onSums(RainSum sum, UnitContext context) {
        RainThenMovementRule.heavyRain(sum, context);
    }

    public static boolean isInput(DeviceEvent event) {
        return RainUnit.isRainfall(event) && event.site.kind == RiskPointKind.slope;
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
