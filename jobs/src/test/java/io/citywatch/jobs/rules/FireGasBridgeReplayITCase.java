package io.citywatch.jobs.rules;

import io.citywatch.common.model.Alert;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.rules.bridge.BridgeStructureRule;
import io.citywatch.jobs.rules.fire.PumpFailedRule;
import io.citywatch.jobs.rules.fire.WaterSupplyLowRule;
import io.citywatch.jobs.rules.gas.GasConcentrationRule;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * fire.pump_failed, fire.water_supply_low, gas.concentration and bridge.structure through the whole
 * replay topology: the clock stop, CEP wake-ups when a risk point goes silent, alert episodes.
 */
class FireGasBridgeReplayITCase {
    @Test
    void aPumpWindowThatEndsAfterTheClockStopIsPendingNotFired() {
        Replay.Result result =
                Scenario.create()
                        .riskPoint(
                                "rp-tower",
                                "high_rise",
                                60,
                                List.of("prs-1:water_pressure", "pmp-1:pump_running"))
                        .reading("prs-1", "water_pressure", 0.35, 0)
                        .reading("pmp-1", "pump_running", 0, 0)
                        .reading("prs-1", "water_pressure", 0.05, 100)
                        .reading("pmp-1", "pump_running", 0, 130)
                        .run();

        assertThat(Scenario.highestLevels(result, PumpFailedRule.ID)).isEmpty();
        assertThat(result.pending())
                .filteredOn(p -> p.ruleId.equals(PumpFailedRule.ID))
                .extracting(p -> p.key + " " + p.dueTs)
                .containsExactly("rp-tower " + (Scenario.T0.toEpochMilli() + 160_000));
    }

    @Test
    void aPumpFailureFiresEvenWhenTheTowerFallsSilent() {
        Replay.Result result =
                Scenario.create()
                        .riskPoint(
                                "rp-tower",
                                "high_rise",
                                60,
                                List.of("prs-1:water_pressure", "pmp-1:pump_running"))
                        .riskPoint("rp-other", "high_rise", 60, List.of("prs-9:water_pressure"))
                        .reading("prs-1", "water_pressure", 0.05, 0)
                        .reading("pmp-1", "pump_running", 0, 0)
                        .reading("prs-9", "water_pressure", 0.4, 60)
                        .reading("prs-9", "water_pressure", 0.4, 120)
                        .reading("prs-9", "water_pressure", 0.4, 180)
                        .run();

        assertThat(Scenario.highestLevels(result, PumpFailedRule.ID))
                .isEqualTo(Map.of("rp-tower", "orange"));
        Alert alert = firstOf(result, PumpFailedRule.ID);
        assertThat(alert.detectTs).isEqualTo(Scenario.T0.toEpochMilli() + 60_000);
        assertThat(Scenario.highestLevels(result, WaterSupplyLowRule.ID)).isEmpty();
    }

    @Test
    void streakRulesOpenOneEpisodeAndUpgradeIt() {
        Replay.Result result =
                Scenario.create()
                        .riskPoint(
                                "rp-bridge",
                                "bridge",
                                60,
                                List.of("str-1:strain", "str-2:strain"),
                                "bridge.strain.yellow",
                                100,
                                "bridge.strain.red",
                                300)
                        .riskPoint("rp-gas", "gas_network", 60, List.of("ch4-1:methane"))
                        .riskPoint(
                                "rp-tower",
                                "high_rise",
                                60,
                                List.of("prs-1:water_pressure", "pmp-1:pump_running"))
                        .reading("str-1", "strain", 150, 0)
                        .reading("str-2", "strain", 350, 0)
                        .reading("ch4-1", "methane", 25, 0)
                        .reading("prs-1", "water_pressure", 0.05, 0)
                        .reading("pmp-1", "pump_running", 1, 10)
                        .reading("str-1", "strain", -150, 60)
                        .reading("ch4-1", "methane", 25, 60)
                        .reading("prs-1", "water_pressure", 0.05, 60)
                        .reading("pmp-1", "pump_running", 1, 70)
                        .reading("str-1", "strain", 150, 120)
                        .reading("ch4-1", "methane", 60, 120)
                        .reading("prs-1", "water_pressure", 0.05, 120)
                        .reading("pmp-1", "pump_running", 1, 130)
                        .reading("str-1", "strain", 350, 180)
                        .reading("prs-1", "water_pressure", 0.05, 180)
                        .reading("pmp-1", "pump_running", 1, 190)
                        .reading("str-1", "strain", 350, 240)
                        .reading("str-1", "strain", 350, 300)
                        .run();

        assertThat(Scenario.highestLevels(result, BridgeStructureRule.ID))
                .isEqualTo(Map.of("rp-bridge/str-1", "red"));
        assertThat(result.deadLetters()).isEmpty();
        assertThat(result.alerts())
                .filteredOn(a -> a.ruleId.equals(BridgeStructureRule.ID))
                .extracting(a -> a.status.name() + " " + a.level)
                .as("str-2 exceeded once only")
                .containsExactly("open yellow", "upgraded red");
        assertThat(Scenario.highestLevels(result, GasConcentrationRule.ID))
                .isEqualTo(Map.of("rp-gas", "red"));
        assertThat(Scenario.highestLevels(result, WaterSupplyLowRule.ID))
                .as("the pump runs, but the supply stays low")
                .isEqualTo(Map.of("rp-tower", "yellow"));
        assertThat(Scenario.highestLevels(result, PumpFailedRule.ID)).isEmpty();
    }

    private static Alert firstOf(Replay.Result result, String ruleId) {
        return result.alerts().stream()
                .filter(a -> a.ruleId.equals(ruleId))
                .findFirst()
                .orElseThrow();
    }
}
