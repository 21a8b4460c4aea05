package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.series.RiseRule;
import io.citywatch.jobs.rules.series.RiseUnit;

/**
 * {@code flood.rapid_rise} orange: one gauge's water level rises ≥ {@code rapidRise} 1.0 m within
 * {@code rapidRiseWindow} 3600 s, whatever the registry's flood stages.
 */
public class RapidRiseRule extends RiseRule {
    public static final String ID = "flood.rapid_rise";

    public static final RiseUnit.Spec SPEC =
            new RiseUnit.Spec(
                    ID,
                    Scenario.flood,
                    AlertLevel.orange,
                    FloodParams.RAPID_RISE,
                    FloodParams.RAPID_RISE_WINDOW,
                    "Water level at %4$s (%5$s) rose %2$.2f m to %1$.2f m within %3$d min",
                    "%4$s（%5$s）水位 %3$d 分钟内上涨 %2$.2f 米，达到 %1$.2f 米");

    public RapidRiseRule() {
        super(SPEC, RapidRiseRule::isInput, DeviceRuleState.RAPID_RISE);
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.WATER_LEVEL
                && (event.site.kind == RiskPointKind.river_station
                        || event.site.kind == RiskPointKind.underpass);
    }
}
