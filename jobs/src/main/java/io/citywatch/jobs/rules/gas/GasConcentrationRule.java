package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.streak.StreakRule;

import java.util.List;

/**
 * {@code gas.concentration} (unit of the device rule host): methane ≥ {@code alarm} on {@value
 * #ORANGE_READINGS} consecutive readings of one device is orange, ≥ {@code highAlarm} on one
 * reading is red. Counted per device (two detectors never add up to a streak), reported per risk
 * point.
 */
public class GasConcentrationRule extends StreakRule {
    public static final String ID = "gas.concentration";
    public static final int ORANGE_READINGS = 2;

    public GasConcentrationRule() {
        super(ID, Methane::isGasNetworkMethane, DeviceRuleState.GAS_CONCENTRATION);
    }

    @Override
    public AlertLevel grade(DeviceEvent event) {
        double value = event.reading.value;
        if (value >= Methane.highAlarm(event.site)) {
            return AlertLevel.red;
        }
        return value >= Methane.alarm(event.site) ? AlertLevel.orange : null;
    }

    @Override
    public int required(Site site, AlertLevel level) {
        return switch (level) {
            case red -> 1;
            case orange -> ORANGE_READINGS;
            default -> 0;
        };
    }

    @Override
    public RuleMatch match(
            DeviceEvent last, List<Evidence> streak, AlertLevel level, RuleSettings settings) {
        RuleMatch match = streakMatch(Scenario.gas, last, streak, level);
        double threshold =
                level == AlertLevel.red ? Methane.highAlarm(last.site) : Methane.alarm(last.site);
        match.message =
                settings.text(
                        "Methane %.1f %%LEL at %s (%s): %d reading(s) at or above %.0f %%LEL",
                        "%2$s（%3$s）甲烷浓度 %1$.1f %%LEL，%4$d 次读数达到 %5$.0f %%LEL",
                        last.reading.value,
                        last.site.name,
                        last.deviceId,
                        streak.size(),
                        threshold);
        return match;
    }
}
