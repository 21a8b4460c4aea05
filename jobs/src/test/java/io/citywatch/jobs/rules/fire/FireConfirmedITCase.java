package io.citywatch.jobs.rules.fire;

import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** fire.confirmed end to end: the CEP pattern over detector alarms and incidents. */
class FireConfirmedITCase {
    private static Scenario tower() {
        return Scenario.create()
                .riskPoint(
                        "rp-t",
                        "high_rise",
                        3600,
                        List.of("smk-1:smoke:F1", "tmp-1:temperature:F1", "smk-2:smoke:F2"));
    }

    @Test
    void twoDetectorsOfOneFloorOutOfOrderWithinTheBoundConfirm() {
        Replay.Result result =
                tower().reading("smk-1", "smoke", 0.1, 0)
                        .reading("tmp-1", "temperature", 65, 120)
                        .reading("smk-1", "smoke", 3.5, 100)
                        .reading("smk-1", "smoke", 0.1, 600)
                        .run();
        assertThat(Scenario.highestLevels(result, "fire.confirmed")).containsEntry("rp-t", "red");
        assertThat(Scenario.highestLevels(result, "fire.detector_alarm"))
                .containsEntry("rp-t", "yellow");
        assertThat(result.deadLetters()).isEmpty();
    }

    @Test
    void oneDetectorAlarmingAgainAndAgainOnlyGivesTheYellowAlarm() {
        Scenario scenario = tower();
        for (int minute = 0; minute < 10; minute++) {
            scenario.reading("smk-1", "smoke", 4.0, minute * 60L);
        }
        Replay.Result result = scenario.run();
        assertThat(Scenario.highestLevels(result, "fire.confirmed")).isEmpty();
        assertThat(Scenario.highestLevels(result, "fire.detector_alarm"))
                .containsEntry("rp-t", "yellow");
    }

    @Test
    void anIncidentReportedBeforeTheAlarmConfirms() {
        Replay.Result result =
                tower().incident("inc-1", "smoke", "reported", "rp-t", 0)
                        .reading("smk-2", "smoke", 3.2, 170)
                        .run();
        assertThat(Scenario.highestLevels(result, "fire.confirmed")).containsEntry("rp-t", "red");
        assertThat(
                        result.alerts().stream()
                                .filter(a -> a.ruleId.equals("fire.confirmed"))
                                .findFirst()
                                .orElseThrow()
                                .incidentIds)
                .containsExactly("inc-1");
    }

    @Test
    void alarmsOnDifferentFloorsOrTooFarApartDoNotConfirm() {
        Replay.Result result =
                tower().reading("smk-1", "smoke", 3.5, 0)
                        .reading("smk-2", "smoke", 3.5, 60)
                        .reading("tmp-1", "temperature", 70, 181)
                        .run();
        assertThat(Scenario.highestLevels(result, "fire.confirmed")).isEmpty();
    }
}
