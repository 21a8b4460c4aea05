package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageGapITCase {
    @Test
    void oneOfThreeOfflineIsNoGapTwoIsAndItClearsWhenOneComesBack() {
        Scenario scenario =
                Scenario.create()
                        .riskPoint(
                                "rp-t", "high_rise", 60, List.of("a:smoke", "b:smoke", "c:smoke"));
        for (long minute = 0; minute <= 30; minute++) {
            scenario.reading("a", "smoke", 0.1, minute * 60);
            if (minute < 5 || minute > 20) {
                scenario.reading("b", "smoke", 0.1, minute * 60);
            }
            if (minute < 10) {
                scenario.reading("c", "smoke", 0.1, minute * 60);
            }
        }
        Replay.Result result = scenario.run();

        List<Alert> gap =
                result.alerts().stream().filter(a -> a.ruleId.equals("coverage.gap")).toList();
        assertThat(gap)
                .extracting(a -> a.status)
                .containsExactly(AlertStatus.open, AlertStatus.cleared);
        assertThat(gap.get(0).deviceIds).containsExactly("b", "c");
        assertThat(Scenario.highestLevels(result, "device.offline"))
                .containsOnlyKeys("rp-t/b", "rp-t/c");
    }
}
