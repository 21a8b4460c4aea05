package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.series.RainRule;
import io.citywatch.jobs.rules.series.RainThreshold;
import io.citywatch.jobs.rules.series.RainUnit;

import java.util.List;

/**
 * {@code flood.rainstorm} (per device): a river station's or underpass's rain gauge against the CMA
 * rainstorm warning signals (blue 50 mm in 12 h, yellow 50 mm in 6 h, orange 50 mm in 3 h, red 100
 * mm in 3 h), measured instead of forecast.
 */
public class RainstormRule extends RainRule {
    public static final String ID = "flood.rainstorm";

    public static final List<RainThreshold> TABLE =
            List.of(
                    new RainThreshold(AlertLevel.blue, 12, FloodParams.RAIN_12H_BLUE),
                    new RainThreshold(AlertLevel.yellow, 6, FloodParams.RAIN_6H_YELLOW),
                    new RainThreshold(AlertLevel.orange, 3, FloodParams.RAIN_3H_ORANGE),
                    new RainThreshold(AlertLevel.red, 3, FloodParams.RAIN_3H_RED));

    public RainstormRule() {
        super(ID, Scenario.flood, TABLE, DeviceRuleState.RAINSTORM);
    }

    @Override
    protected boolean readsGauge(DeviceEvent event) {
        return isInput(event);
    }

    static boolean isInput(DeviceEvent event) {
        return RainUnit.isRainfall(event)
                && (event.site.kind == RiskPointKind.river_station
                        || event.site.kind == RiskPointKind.underpass);
    }
}
