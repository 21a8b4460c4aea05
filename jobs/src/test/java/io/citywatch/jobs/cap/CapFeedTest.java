package io.citywatch.jobs.cap;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.citywatch.jobs.cap.CapMessagesTest.alert;
import static io.citywatch.jobs.cap.CapMessagesTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CAP feed operator: one message per alert version, references to every earlier version kept in
 * keyed state (across a restore) and dropped when the alert ends.
 */
class CapFeedTest {
    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, CapMessage> harness(
            CapSettings settings) throws Exception {
        return KeyedHarness.open(new CapFeed(settings), alert -> alert.alertId);
    }

    private static List<CapXml> messages(
            KeyedOneInputStreamOperatorTestHarness<String, Alert, CapMessage> harness) {
        List<CapXml> messages = new ArrayList<>();
        for (CapMessage message : harness.extractOutputValues()) {
            assertThat(ContractSchemas.capViolations(message.xml)).as(message.xml).isEmpty();
            CapXml cap = CapXml.parse(message.xml);
            assertThat(cap.text("identifier")).isEqualTo(message.alertId + "-v" + message.version);
            messages.add(cap);
        }
        return messages;
    }

    @Test
    void everyVersionIsOneMessageThatReferencesEveryEarlierOne() throws Exception {
        CapSettings settings = settings();
        List<Alert> lifecycle =
                List.of(
                        alert(AlertStatus.open, 1),
                        alert(AlertStatus.escalated, 2),
                        alert(AlertStatus.acknowledged, 3),
                        alert(AlertStatus.dispatched, 4),
                        alert(AlertStatus.resolved, 5));
        try (var harness = harness(settings)) {
            for (Alert alert : lifecycle) {
                harness.processElement(alert, alert.changeTs);
            }

            List<CapXml> messages = messages(harness);
            assertThat(messages)
                    .extracting(cap -> cap.text("msgType"))
                    .containsExactly("Alert", "Update", "Update", "Update", "Cancel");
            for (int i = 0; i < messages.size(); i++) {
                List<String> expected = new ArrayList<>();
                for (Alert earlier : lifecycle.subList(0, i)) {
                    expected.add(CapMessages.reference(settings, earlier));
                }
                assertThat(messages.get(i).references())
                        .as("references of version %d", i + 1)
                        .isEqualTo(expected);
            }
            // nothing can follow a Cancel: the alert's references are gone
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void theReferencesSurviveARestore() throws Exception {
        CapSettings settings = settings();
        OperatorSubtaskState snapshot;
        try (var before = harness(settings)) {
            before.processElement(alert(AlertStatus.open, 1), 1);
            before.processElement(alert(AlertStatus.escalated, 2), 2);
            snapshot = before.snapshot(1, 3);
        }

        try (var after =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new CapFeed(settings)),
                        (Alert alert) -> alert.alertId,
                        Types.STRING)) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(alert(AlertStatus.cleared, 3), 4);

            List<CapXml> messages = messages(after);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).text("msgType")).isEqualTo("Cancel");
            assertThat(messages.get(0).references())
                    .containsExactly(
                            CapMessages.reference(settings, alert(AlertStatus.open, 1)),
                            CapMessages.reference(settings, alert(AlertStatus.escalated, 2)));
        }
    }

    @Test
    void eachAlertHasItsOwnReferences() throws Exception {
        Alert other = alert(AlertStatus.open, 1);
        other.alertId = "0123456789abcdef0123456789abcdef";
        try (var harness = harness(settings())) {
            harness.processElement(alert(AlertStatus.open, 1), 1);
            harness.processElement(other, 2);
            harness.processElement(alert(AlertStatus.escalated, 2), 3);

            List<CapXml> messages = messages(harness);
            assertThat(messages.get(1).references()).isEmpty();
            assertThat(messages.get(2).references())
                    .containsExactly(CapMessages.reference(settings(), alert(AlertStatus.open, 1)));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void theFeedCarriesEveryScenarioButDeviceUnlessConfigured() {
        CapFeed.InFeed defaults = new CapFeed.InFeed(settings());
        for (Scenario scenario : Scenario.values()) {
            Alert alert = alert(AlertStatus.open, 1);
            alert.scenario = scenario;
            assertThat(defaults.filter(alert))
                    .as("%s", scenario)
                    .isEqualTo(scenario != Scenario.device);
        }

        CapFeed.InFeed devicesOnly = new CapFeed.InFeed(settings("cap-scenarios", "device"));
        Alert device = alert(AlertStatus.open, 1);
        device.scenario = Scenario.device;
        assertThat(devicesOnly.filter(device)).isTrue();
        assertThat(devicesOnly.filter(alert(AlertStatus.open, 1))).isFalse();
    }
}
