package io.citywatch.jobs.rules.bridge;

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
import java.util.Locale;

/**
 * {@code bridge.structure} (per device, unit of the device rule host): the absolute value of
 * strain, deflection or vibration beyond the registry's {@code bridge.<type>.yellow|orange|red} on
 * {@value #READINGS} consecutive readings; the level is the highest band all of them exceed. The
 * limits belong to each bridge's design, so there are no defaults: a bridge without them never
 * fires.
 */
public class BridgeStructureRule extends StreakRule {
    public static final String ID = "bridge.structure";
    public static final int READINGS = 3;

    private static final AlertLevel[] BANDS_HIGHEST_FIRST = {
        AlertLevel.red, AlertLevel.orange, AlertLevel.yellow
    };

    public BridgeStructureRule() {
        super(ID, BridgeStructureRule::isStructuralReading, DeviceRuleState.BRIDGE_STRUCTURE);
    }

    static boolean isStructuralReading(DeviceEvent event) {
        if (!event.isValidReading() || event.site.kind != RiskPointKind.bridge) {
            return false;
        }
        SensorType type = event.reading.type;
        return type == SensorType.STRAIN
                || type == SensorType.DEFLECTION
                || type == SensorType.VIBRATION;
    }

    @Override
    public AlertLevel grade(DeviceEvent event) {
        double magnitude = Math.abs(event.reading.value);
        for (AlertLevel band : BANDS_HIGHEST_FIRST) {
            Double limit = BridgeParams.limit(event.reading.type, band).orNull(event.site);
            // "beyond" a limit: reaching it exactly is still within the design value
            if (limit != null && magnitude > limit) {
                return band;
            }
        }
        return null;
    }

    @Override
    public int required(Site site, AlertLevel level) {
        return level == AlertLevel.blue ? 0 : READINGS;
    }

    @Override
    public RuleMatch match(
            DeviceEvent last, List<Evidence> streak, AlertLevel level, RuleSettings settings) {
        RuleMatch match =
                RuleMatch.at(ID, Scenario.bridge, last.site, streak.get(0).ts, last.ts)
                        .perDevice(last.deviceId);
        match.level = level;
        match.evidence.addAll(streak);
        SensorType type = last.reading.type;
        match.message =
                settings.text(
                        "%s of %s (%s) beyond the %s limit %s %s on %d readings in a row"
                                + " (last %8$s %6$s)",
                        "%2$s（%3$s）%1$s 连续 %7$d 次超过%9$s限值 %5$s %6$s（最近 %8$s %6$s）",
                        type.wireName(),
                        last.site.name,
                        last.deviceId,
                        level.name(),
                        number(BridgeParams.limit(type, level).orNull(last.site)),
                        type.unit(),
                        streak.size(),
                        number(last.reading.value),
                        LEVELS_ZH[level.ordinal()]);
        return match;
    }

    private static final String[] LEVELS_ZH = {"蓝色", "黄色", "橙色", "红色"};

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
    }
}
