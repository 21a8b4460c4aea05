package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.series.RiseRule;
import io.citywatch.jobs.rules.series.RiseUnit;

/**
 * {@code geo.crack_jump} orange: one crack meter on a slope widens by ≥ {@code crackJump} 2.0 mm
 * within {@code crackJumpWindow} 3600 s.
 */
public class CrackJumpRule extends RiseRule {
    public static final String ID = "geo.crack_jump";

    public static final RiseUnit.Spec SPEC =
            new RiseUnit.Spec(
                    ID,
                    Scenario.geohazard,
                    AlertLevel.orange,
                    GeoParams.CRACK_JUMP,
                    GeoParams.CRACK_JUMP_WINDOW,
                    "Crack meter %5$s at %4$s widened %2$.2f mm to %1$.2f mm within %3$d min",
                    "%4$s 裂缝计 %5$s %3$d 分钟内张开 %2$.2f 毫米，达到 %1$.2f 毫米");

    public CrackJumpRule() {
        super(SPEC, CrackJumpRule::isInput, DeviceRuleState.CRACK_JUMP);
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading()
                && event.reading.type == SensorType.CRACK_WIDTH
                && event.site.kind == RiskPointKind.slope;
    }
}
