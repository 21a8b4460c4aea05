package io.citywatch.jobs.alerts;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.rules.AlertIds;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The closed loop in a replay: an acknowledgement in the actions file stops one escalation. */
class LifecycleReplayITCase {
    private static String action(String alertId, String action, long seconds) {
        return "{\"alertId\":\""
                + alertId
                + "\",\"action\":\""
                + action
                + "\",\"by\":\"duty-officer-7\",\"ts\":\""
                + Scenario.T0.plusSeconds(seconds)
                + "\"}";
    }

    @Test
    void anAcknowledgedFireDoesNotEscalateWhileAnUnansweredOneEscalatesThreeTimes() {
        Scenario scenario =
                Scenario.create()
                        .riskPoint(
                                "rp-a",
                                "high_rise",
                                60,
                                List.of("a-smk:smoke:F1", "a-tmp:temperature:F1"))
                        .riskPoint(
                                "rp-b",
                                "high_rise",
                                60,
                                List.of("b-smk:smoke:F1", "b-tmp:temperature:F1"));
        for (long minute = 0; minute <= 25; minute++) {
            scenario.reading("a-smk", "smoke", 4.0, minute * 60)
                    .reading("a-tmp", "temperature", 70, minute * 60 + 30)
                    .reading("b-smk", "smoke", 4.0, minute * 60)
                    .reading("b-tmp", "temperature", 70, minute * 60 + 30);
        }
        String fireAtA = AlertIds.of("fire.confirmed", "rp-a", null, Scenario.T0.toEpochMilli());
        String fireAtB = AlertIds.of("fire.confirmed", "rp-b", null, Scenario.T0.toEpochMilli());
        scenario.actionLine(action(fireAtA, "acknowledge", 200))
                .actionLine(action("no-such-alert", "acknowledge", 210))
                .actionLine(action(fireAtA, "dispatch", 400));

        Replay.Result result = scenario.run();

        List<Alert> atA = result.alerts().stream().filter(a -> a.alertId.equals(fireAtA)).toList();
        List<Alert> atB = result.alerts().stream().filter(a -> a.alertId.equals(fireAtB)).toList();
        assertThat(atA)
                .extracting(a -> a.status)
                .containsExactly(
                        AlertStatus.open, AlertStatus.acknowledged, AlertStatus.dispatched);
        assertThat(atB)
                .extracting(a -> a.status + "@" + (a.changeTs - Scenario.T0.toEpochMilli()) / 1000)
                .containsExactly("open@30", "escalated@330", "escalated@630", "escalated@930");
        assertThat(atB).extracting(a -> a.escalation).containsExactly(0, 1, 2, 3);
        assertThat(result.deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_alert);
    }
}
