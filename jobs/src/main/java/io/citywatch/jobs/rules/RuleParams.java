package io.citywatch.jobs.rules;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.rules.bridge.BridgeParams;
import io.citywatch.jobs.rules.bridge.BridgeStructureRule;
import io.citywatch.jobs.rules.device.CoverageGapRule;
import io.citywatch.jobs.rules.device.DeviceOfflineRule;
import io.citywatch.jobs.rules.device.DeviceParams;
import io.citywatch.jobs.rules.device.SensorFaultRule;
import io.citywatch.jobs.rules.device.StuckRule;
import io.citywatch.jobs.rules.fire.DetectorAlarmRule;
import io.citywatch.jobs.rules.fire.FireConfirmedRule;
import io.citywatch.jobs.rules.fire.FireParams;
import io.citywatch.jobs.rules.fire.PumpFailedRule;
import io.citywatch.jobs.rules.fire.WaterSupplyLowRule;
import io.citywatch.jobs.rules.flood.FloodParams;
import io.citywatch.jobs.rules.flood.RainstormRule;
import io.citywatch.jobs.rules.flood.RapidRiseRule;
import io.citywatch.jobs.rules.flood.UnderpassRule;
import io.citywatch.jobs.rules.flood.WaterLevelRule;
import io.citywatch.jobs.rules.gas.GasConcentrationRule;
import io.citywatch.jobs.rules.gas.GasParams;
import io.citywatch.jobs.rules.gas.GasSpreadRule;
import io.citywatch.jobs.rules.geo.CrackJumpRule;
import io.citywatch.jobs.rules.geo.DisplacementRule;
import io.citywatch.jobs.rules.geo.GeoParams;
import io.citywatch.jobs.rules.geo.RainThenMovementRule;
import io.citywatch.jobs.rules.geo.RainfallRule;
import io.citywatch.jobs.rules.incident.IncidentClusterRule;
import io.citywatch.jobs.rules.incident.IncidentParams;
import io.citywatch.jobs.rules.incident.IncidentUnacknowledgedRule;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every rule parameter, by rule, and the risk-point kinds each rule watches (contract §4): the
 * parameters a risk point may set in its registry {@code thresholds} are those of the rules that
 * watch its kind. A record that sets anything else, or a value outside a parameter's range, is
 * rejected where the registry enters the job, so that no operator believes a risk point protected
 * by a threshold the rules never read.
 */
public final class RuleParams {
    private RuleParams() {}

    /** The parameters one rule reads and the kinds of risk point it watches. */
    public record RuleUse(String ruleId, Set<RiskPointKind> kinds, List<RuleParam> params) {}

    private static final Set<RiskPointKind> ALL_KINDS = EnumSet.allOf(RiskPointKind.class);

    /**
     * flood.water_level reads every water_level gauge, whatever its risk point's kind; its stages
     * are allowed where the rules put water_level gauges: river stations and underpasses (as
     * flood.rapid_rise does), not only the river stations the contract names.
     */
    private static final Set<RiskPointKind> WATER_LEVEL_KINDS =
            EnumSet.of(RiskPointKind.river_station, RiskPointKind.underpass);

    private static final List<RuleUse> USES =
            List.of(
                    use(DetectorAlarmRule.ID, highRise(), FireParams.DETECTOR_ALARM),
                    use(FireConfirmedRule.ID, highRise(), FireParams.CONFIRMED),
                    use(PumpFailedRule.ID, highRise(), FireParams.PUMP_FAILED),
                    use(WaterSupplyLowRule.ID, highRise(), FireParams.WATER_SUPPLY_LOW),
                    use(DisplacementRule.ID, slope(), GeoParams.DISPLACEMENT),
                    use(RainfallRule.ID, slope(), GeoParams.RAINFALL),
                    use(RainThenMovementRule.ID, slope(), GeoParams.RAIN_THEN_MOVEMENT),
                    use(CrackJumpRule.ID, slope(), GeoParams.CRACK_JUMP_PARAMS),
                    use(WaterLevelRule.ID, WATER_LEVEL_KINDS, FloodParams.WATER_LEVEL),
                    use(RapidRiseRule.ID, floodSites(), FloodParams.RAPID_RISE_PARAMS),
                    use(RainstormRule.ID, floodSites(), FloodParams.RAINSTORM),
                    use(UnderpassRule.ID, only(RiskPointKind.underpass), FloodParams.UNDERPASS),
                    use(GasConcentrationRule.ID, gasNetwork(), GasParams.CONCENTRATION),
                    use(GasSpreadRule.ID, gasNetwork(), GasParams.SPREAD),
                    use(BridgeStructureRule.ID, only(RiskPointKind.bridge), BridgeParams.STRUCTURE),
                    use(DeviceOfflineRule.ID, ALL_KINDS, DeviceParams.OFFLINE),
                    use(StuckRule.ID, ALL_KINDS, DeviceParams.STUCK),
                    use(SensorFaultRule.ID, ALL_KINDS, DeviceParams.SENSOR_FAULT),
                    use(CoverageGapRule.ID, ALL_KINDS, DeviceParams.COVERAGE_GAP),
                    use(IncidentClusterRule.ID, ALL_KINDS, IncidentParams.CLUSTER),
                    use(IncidentUnacknowledgedRule.ID, ALL_KINDS, IncidentParams.UNACKNOWLEDGED));

    /** Key → parameter, for every kind; sorted so that messages list keys alphabetically. */
    private static final Map<RiskPointKind, Map<String, RuleParam>> BY_KIND = byKind();

    /** Every rule's parameters and kinds, in the catalogue's order. */
    public static List<RuleUse> uses() {
        return USES;
    }

    /** The parameters of one rule; empty for a rule without any. */
    public static List<RuleParam> of(String ruleId) {
        for (RuleUse use : USES) {
            if (use.ruleId().equals(ruleId)) {
                return use.params();
            }
        }
        return List.of();
    }

    /** Every parameter once, by key. */
    public static Map<String, RuleParam> all() {
        Map<String, RuleParam> all = new TreeMap<>();
        for (RuleUse use : USES) {
            for (RuleParam param : use.params()) {
                all.put(param.key(), param);
            }
        }
        return all;
    }

    /** The parameters a risk point of this kind may set, by key, sorted. */
    public static Map<String, RuleParam> allowed(RiskPointKind kind) {
        return kind == null ? Map.of() : BY_KIND.get(kind);
    }

    /**
     * What is wrong with a risk point's thresholds, or null when every key is a parameter of its
     * kind and every value is in its parameter's range. Only the first problem is named: the
     * operator fixes it and the record is checked again.
     */
    public static String problem(RiskPoint point) {
        return problem(point, allowed(point.kind));
    }

    static String problem(RiskPoint point, Map<String, RuleParam> allowed) {
        if (point.thresholds == null || point.thresholds.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Double> threshold : new TreeMap<>(point.thresholds).entrySet()) {
            RuleParam param = allowed.get(threshold.getKey());
            if (param == null) {
                return "thresholds."
                        + abbreviate(threshold.getKey())
                        + " is not a parameter of a "
                        + point.kind
                        + "; allowed: "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.keySet()));
            }
            double value = threshold.getValue();
            if (!param.allows(value)) {
                return "thresholds."
                        + threshold.getKey()
                        + " = "
                        + RuleParam.number(value)
                        + " is outside its range "
                        + param.range()
                        + " "
                        + param.unit();
            }
        }
        return null;
    }

    /** A key is the sender's text: a long one is cut as the codecs cut what they quote. */
    private static String abbreviate(String key) {
        return key.length() <= 80 ? key : key.substring(0, 80) + "…";
    }

    private static RuleUse use(String ruleId, Set<RiskPointKind> kinds, List<RuleParam> params) {
        return new RuleUse(ruleId, Set.copyOf(kinds), List.copyOf(params));
    }

    private static Set<RiskPointKind> only(RiskPointKind kind) {
        return EnumSet.of(kind);
    }

    private static Set<RiskPointKind> highRise() {
        return only(RiskPointKind.high_rise);
    }

    private static Set<RiskPointKind> slope() {
        return only(RiskPointKind.slope);
    }

    private static Set<RiskPointKind> floodSites() {
        return EnumSet.of(RiskPointKind.river_station, RiskPointKind.underpass);
    }

    private static Set<RiskPointKind> gasNetwork() {
        return only(RiskPointKind.gas_network);
    }

    private static Map<RiskPointKind, Map<String, RuleParam>> byKind() {
        Map<RiskPointKind, Map<String, RuleParam>> byKind = new EnumMap<>(RiskPointKind.class);
        for (RiskPointKind kind : RiskPointKind.values()) {
            Map<String, RuleParam> params = new TreeMap<>();
            for (RuleUse use : USES) {
                if (use.kinds().contains(kind)) {
                    use.params().forEach(p -> params.put(p.key(), p));
                }
            }
            byKind.put(kind, Collections.unmodifiableMap(params));
        }
        return byKind;
    }
}
