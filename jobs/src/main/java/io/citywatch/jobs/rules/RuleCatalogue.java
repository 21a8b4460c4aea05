package io.citywatch.jobs.rules;

import io.citywatch.jobs.rules.bridge.BridgeStructureRule;
import io.citywatch.jobs.rules.device.CoverageGapRule;
import io.citywatch.jobs.rules.device.DeviceOfflineRule;
import io.citywatch.jobs.rules.device.SensorFaultRule;
import io.citywatch.jobs.rules.device.StuckRule;
import io.citywatch.jobs.rules.fire.DetectorAlarmRule;
import io.citywatch.jobs.rules.fire.FireConfirmedRule;
import io.citywatch.jobs.rules.fire.PumpFailedRule;
import io.citywatch.jobs.rules.fire.WaterSupplyLowRule;
import io.citywatch.jobs.rules.flood.RainstormRule;
import io.citywatch.jobs.rules.flood.RapidRiseRule;
import io.citywatch.jobs.rules.flood.UnderpassRule;
import io.citywatch.jobs.rules.flood.WaterLevelRule;
import io.citywatch.jobs.rules.gas.GasConcentrationRule;
import io.citywatch.jobs.rules.gas.GasSpreadRule;
import io.citywatch.jobs.rules.geo.CrackJumpRule;
import io.citywatch.jobs.rules.geo.DisplacementRule;
import io.citywatch.jobs.rules.geo.RainThenMovementRule;
import io.citywatch.jobs.rules.geo.RainfallRule;
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
                new PumpFailedRule(),
                new WaterSupplyLowRule(),
                new GasConcentrationRule(),
                new GasSpreadRule(),
                new BridgeStructureRule(),
                new DisplacementRule(),
                new RainfallRule(),
                new RainstormRule(),
                new CrackJumpRule(),
                new RapidRiseRule(),
                new UnderpassRule(),
                new RainThenMovementRule(),
                new StuckRule(),
                new SensorFaultRule(),
                new IncidentClusterRule(),
                new IncidentUnacknowledgedRule());
    }
}
