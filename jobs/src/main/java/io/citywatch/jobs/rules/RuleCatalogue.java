package io.citywatch.jobs.rules;

import io.citywatch.jobs.rules.device.CoverageGapRule;
import io.citywatch.jobs.rules.device.DeviceOfflineRule;
import io.citywatch.jobs.rules.device.SensorFaultRule;
import io.citywatch.jobs.rules.device.StuckRule;
import io.citywatch.jobs.rules.fire.DetectorAlarmRule;
import io.citywatch.jobs.rules.fire.FireConfirmedRule;
import io.citywatch.jobs.rules.flood.WaterLevelRule;
import io.citywatch.jobs.rules.incident.IncidentClusterRule;
import io.citywatch.jobs.rules.incident.IncidentUnacknowledgedRule;

import java.util.List;

/** Every rule the job runs: one line per rule. */
public final class RuleCatalogue {
    private RuleCatalogue() {}

    public static List<Rule> all() {
        return List.of(
                new DetectorAlarmRule(),
                new FireConfirmedRule(),
                new WaterLevelRule(),
                new DeviceOfflineRule(),
                new CoverageGapRule(),
                new StuckRule(),
                new SensorFaultRule(),
                new IncidentClusterRule(),
                new IncidentUnacknowledgedRule());
    }
}
