package io.citywatch.jobs.rules;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.fire.FireConfirmedRule;
import io.citywatch.jobs.rules.fire.FireParams;
import io.citywatch.jobs.rules.flood.FloodParams;
import io.citywatch.jobs.rules.geo.GeoParams;
import io.citywatch.jobs.rules.geo.RainThenMovementRule;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleParamsTest {
    private static RiskPoint point(RiskPointKind kind, Map<String, Double> thresholds) {
        RiskPoint point = new RiskPoint();
        point.riskPointId = "rp-1";
        point.kind = kind;
        point.thresholds = new HashMap<>(thresholds);
        return point;
    }

    @Test
    void everyRuleOfTheCatalogueHasItsParametersAndKindsDeclared() {
        List<String> catalogue = RuleCatalogue.all().stream().map(Rule::id).toList();
        List<String> declared = RuleParams.uses().stream().map(RuleParams.RuleUse::ruleId).toList();
        assertThat(declared).containsExactlyInAnyOrderElementsOf(catalogue);
        assertThat(RuleParams.uses()).allSatisfy(use -> assertThat(use.kinds()).isNotEmpty());
    }

    @Test
    void aKeySharedByTwoRulesHasOneDefinition() {
        for (RuleParams.RuleUse use : RuleParams.uses()) {
            for (RuleParam param : use.params()) {
                assertThat(RuleParams.all().get(param.key())).as(param.key()).isEqualTo(param);
            }
        }
        assertThat(RuleParams.of(FireParams.LOW_PRESSURE.key())).isEmpty();
        assertThat(RuleParams.of("fire.pump_failed")).containsExactly(FireParams.LOW_PRESSURE);
    }

    @Test
    void aMisspeltKeyIsNamedWithTheKeysItsKindAllows() {
        String problem =
                RuleParams.problem(
                        point(
                                RiskPointKind.river_station,
                                Map.of("flood.warnig", 180.5, "flood.record", 191.4)));
        assertThat(problem)
                .startsWith(
                        "thresholds.flood.warnig is not a parameter of a river_station; allowed: ")
                .contains("flood.blueMargin, flood.guarantee,")
                .contains("flood.warning")
                .contains("device.offlinePeriods")
                .doesNotContain("fire.smokeAlarm")
                .doesNotContain("flood.underpass.red");
    }

    @Test
    void aParameterOfAnotherKindIsNotAllowed() {
        assertThat(RuleParams.problem(point(RiskPointKind.slope, Map.of("fire.smokeAlarm", 3.0))))
                .startsWith("thresholds.fire.smokeAlarm is not a parameter of a slope; allowed: ")
                .contains("geo.rain24h.red", "geo.steadyVelocity");
        assertThat(
                        RuleParams.problem(
                                point(RiskPointKind.bridge, Map.of("bridge.strain.blue", 10.0))))
                .startsWith("thresholds.bridge.strain.blue is not a parameter of a bridge;");
    }

    @Test
    void aValueOutsideItsRangeIsNamedWithTheRange() {
        assertThat(
                        RuleParams.problem(
                                point(
                                        RiskPointKind.high_rise,
                                        Map.of("fire.confirmWindow", 900.0))))
                .isEqualTo("thresholds.fire.confirmWindow = 900 is outside its range 1 … 600 s");
        assertThat(
                        RuleParams.problem(
                                point(RiskPointKind.slope, Map.of("geo.steadyVelocity", 0.0))))
                .isEqualTo(
                        "thresholds.geo.steadyVelocity = 0 is outside its range 0.0001 … 1000"
                                + " mm/h");
    }

    @Test
    void validThresholdsPass() {
        assertThat(
                        RuleParams.problem(
                                point(
                                        RiskPointKind.river_station,
                                        Map.of(
                                                "flood.warning", 180.5,
                                                "flood.guarantee", 183.5,
                                                "flood.record", 191.41,
                                                "device.stuckMinutes", 60.0))))
                .isNull();
        assertThat(
                        RuleParams.problem(
                                point(
                                        RiskPointKind.high_rise,
                                        Map.of(
                                                "fire.confirmWindow",
                                                600.0,
                                                "fire.lowPressure",
                                                0.0))))
                .as("both ends of a range are allowed")
                .isNull();
        assertThat(RuleParams.problem(point(RiskPointKind.gas_network, Map.of()))).isNull();
        RiskPoint none = point(RiskPointKind.bridge, Map.of());
        none.thresholds = null;
        assertThat(RuleParams.problem(none)).isNull();
    }

    @Test
    void aKindWithoutParametersAllowsNone() {
        RiskPoint point = point(RiskPointKind.bridge, Map.of("bridge.strain.red", 300.0));
        assertThat(RuleParams.problem(point, Map.of()))
                .isEqualTo(
                        "thresholds.bridge.strain.red is not a parameter of a bridge; allowed:"
                                + " none");
        assertThat(RuleParams.problem(point(RiskPointKind.bridge, Map.of()), Map.of())).isNull();
    }

    @Test
    void everyKindAllowsTheDeviceAndIncidentParameters() {
        for (RiskPointKind kind : RiskPointKind.values()) {
            assertThat(RuleParams.allowed(kind))
                    .as(kind.name())
                    .containsKeys(
                            "device.offlinePeriods",
                            "device.faultReadings",
                            "coverage.gapRatio",
                            "incident.clusterSize",
                            "incident.orangeAfter");
        }
        assertThat(RuleParams.allowed(RiskPointKind.underpass))
                .containsKeys("flood.underpass.red", "flood.rain3h.red", "flood.rapidRise")
                .containsKeys("flood.warning");
        assertThat(RuleParams.allowed(RiskPointKind.river_station))
                .doesNotContainKey("flood.underpass.red");
    }

    @Test
    void thePatternLimitsAreTheRangesOfTheirWindows() {
        assertThat(FireParams.CONFIRM_WINDOW.max())
                .isEqualTo(FireConfirmedRule.MAX_CONFIRM_WINDOW.toSeconds());
        assertThat(GeoParams.MOVEMENT_WINDOW.max())
                .isEqualTo(RainThenMovementRule.MAX_MOVEMENT_WINDOW.toSeconds());
    }

    @Test
    void aSiteOverridesTheDefaultAndAGridCellHasIt() {
        Site site = new Site();
        site.thresholds = new HashMap<>(Map.of("fire.smokeAlarm", 5.0));
        assertThat(FireParams.SMOKE_ALARM.of(site)).isEqualTo(5.0);
        assertThat(FireParams.HEAT_ALARM.of(site)).isEqualTo(60.0);
        assertThat(FireParams.HEAT_ALARM.of(null)).isEqualTo(60.0);
        assertThat(FloodParams.WARNING.orNull(site)).isNull();
        assertThatThrownBy(() -> FloodParams.WARNING.of(site))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("flood.warning has no default");
    }

    @Test
    void aDefinitionOutsideItsOwnRangeIsRefused() {
        assertThatThrownBy(() -> RuleParam.of("fire.x", 5, "s", 10, 20, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RuleParam.of("nodot", 5, "s", 0, 20, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
