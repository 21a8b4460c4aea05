package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

/**
 * {@code fire.detector_alarm} yellow: one detector in alarm, keyed by risk point. Its unit also
 * sends the alarms fire.confirmed pairs.
 */
public class DetectorAlarmRule extends HostedRule {
    public static final String ID = "fire.detector_alarm";

    public DetectorAlarmRule() {
        super(ID);
    }

    @Override
    public DetectorAlarmUnit unit(RuleSettings settings) {
        return new DetectorAlarmUnit(settings);
    }

    static RuleMatch toMatch(DetectorAlarm alarm, RuleSettings settings) {
        RuleMatch match = RuleMatch.at(ID, Scenario.fire, alarm.site, alarm.ts, alarm.ts);
        match.level = AlertLevel.yellow;
        match.deviceIds.add(alarm.deviceId);
        match.evidence.add(alarm.evidence);
        String where = alarm.zone == null ? alarm.site.name : alarm.zone + " of " + alarm.site.name;
        String whereZh = alarm.zone == null ? alarm.site.name : alarm.site.name + " " + alarm.zone;
        match.message =
                settings.text(
                        "Detector %s in alarm on %s: %s",
                        "%4$s 探测器 %1$s 报警：%3$s", alarm.deviceId, where, alarm.cause, whereZh);
        return match;
    }
}
