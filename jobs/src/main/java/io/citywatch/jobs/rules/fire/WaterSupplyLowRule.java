package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.streak.StreakRule;

import java.util.List;

/**
 * {@code fire.water_supply_low} yellow (unit of the device rule host): {@value #LOW_READINGS}
 * consecutive water_pressure readings of one device below {@code lowPressure}. Counted per device,
 * reported per risk point.
 */
public class WaterSupplyLowRule extends StreakRule {
    public static final String ID = "fire.water_supply_low";
    public static final int LOW_READINGS = 3;

    public WaterSupplyLowRule() {
        super(ID, WaterSupplyLowRule::isFirePressure, DeviceRuleState.WATER_SUPPLY_LOW);
    }

    static boolean isFirePressure(DeviceEvent event) {
        return event.isValidReading()
                && event.site.kind == RiskPointKind.high_rise
                && event.reading.type == SensorType.WATER_PRESSURE;
    }

    @Override
    public AlertLevel grade(DeviceEvent event) {
        return PumpFailedRule.isLowPressure(event) ? AlertLevel.yellow : null;
    }

    @Override
    public int required(Site site, AlertLevel level) {
        return level == AlertLevel.yellow ? LOW_READINGS : 0;
    }

    @Override
    public RuleMatch match(
            DeviceEvent last, List<Evidence> streak, AlertLevel level, RuleSettings settings) {
        RuleMatch match = streakMatch(Scenario.fire, last, streak, level);
        match.message =
                settings.text(
                        "Fire water pressure at %s below %.2f MPa on %d readings in a row of %s"
                                + " (last %.3f MPa)",
                        "%1$s 消防水压连续 %3$d 次低于 %2$.2f MPa（%4$s，最近 %5$.3f MPa）",
                        last.site.name,
                        PumpFailedRule.lowPressure(last.site),
                        streak.size(),
                        last.deviceId,
                        last.reading.value);
        return match;
    }
}
