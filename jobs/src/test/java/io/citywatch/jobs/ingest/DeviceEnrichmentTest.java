package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.testing.Events;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceEnrichmentTest {
    private static final long HOLD = 30_000;
    private KeyedBroadcastOperatorTestHarness<String, DeviceEvent, RegistryUpdate, DeviceEvent>
            harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(List<RiskPoint> initial, long hold) throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DeviceEnrichment("citywatch.readings", initial, hold),
                        event -> event.deviceId,
                        Types.STRING,
                        RegistryEnrichment.REGISTRY_UPDATES);
    }

    private static RiskPoint tower(String... devices) {
        RiskPoint point = new RiskPoint();
        point.riskPointId = "rp-t";
        point.kind = RiskPointKind.high_rise;
        point.name = "Tower";
        point.district = "Yuzhong";
        point.grid = "g";
        for (String device : devices) {
            point.devices.add(new DeviceSpec(device, SensorType.SMOKE, "F1"));
        }
        return point;
    }

    private static DeviceEvent reading(String device) {
        DeviceEvent event = Events.reading(null, device, SensorType.SMOKE, 0.1, 1000);
        event.raw = "{raw " + device + "}";
        return event;
    }

    private List<DeviceEvent> readings() {
        return harness.extractOutputValues().stream().filter(DeviceEvent::isReading).toList();
    }

    private List<DeadLetter> deadLetters() {
        return harness.getSideOutput(Outputs.DEAD_LETTERS) == null
                ? List.of()
                : harness.getSideOutput(Outputs.DEAD_LETTERS).stream()
                        .map(r -> r.getValue())
                        .toList();
    }

    @Test
    void placesAKnownDeviceAtItsRiskPointAndAnnouncesTheRegistryFirst() throws Exception {
        start(List.of(tower("smk-1", "smk-2")), HOLD);
        harness.processElement(reading("smk-1"), 1000);

        List<DeviceEvent> out = harness.extractOutputValues();
        assertThat(out)
                .extracting(e -> e.kind)
                .containsExactly(
                        DeviceEventKind.REGISTERED,
                        DeviceEventKind.REGISTERED,
                        DeviceEventKind.READING);
        assertThat(out.get(2).site.riskPointId).isEqualTo("rp-t");
        assertThat(out.get(2).site.deviceCount).isEqualTo(2);
        assertThat(out.get(2).zone).isEqualTo("F1");
    }

    @Test
    void holdsAnUnknownDeviceThenDeadLettersItWhole() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement(reading("ghost"), 1000);
        harness.setProcessingTime(HOLD - 1);
        assertThat(readings()).isEmpty();
        assertThat(deadLetters()).isEmpty();

        harness.setProcessingTime(HOLD);
        assertThat(deadLetters())
                .singleElement()
                .satisfies(
                        letter -> {
                            assertThat(letter.reason).isEqualTo(RejectReason.unknown_device);
                            assertThat(letter.raw).isEqualTo("{raw ghost}");
                        });
        // nothing stays held: registering the device now releases no second copy
        harness.processBroadcastElement(RegistryUpdate.upsert(tower("smk-1", "ghost")), 0);
        assertThat(readings()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputDeadLettersWhatIsStillHeld() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement(reading("ghost"), 1000);
        harness.processWatermark(Long.MAX_VALUE);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
    }

    @Test
    void releasesAHeldReadingWhenItsRegistryRecordArrives() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement(reading("late-bird"), 1000);
        harness.processBroadcastElement(RegistryUpdate.upsert(tower("smk-1", "late-bird")), 1000);

        assertThat(readings()).extracting(e -> e.deviceId).containsExactly("late-bird");
        harness.setProcessingTime(HOLD);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void withoutAHoldUnknownDevicesAreDeadLetteredAtOnce() throws Exception {
        start(List.of(), 0);
        harness.processElement(reading("ghost"), 1000);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
    }

    @Test
    void aRegistryUpdateThatDropsADeviceUnregistersIt() throws Exception {
        start(List.of(tower("smk-1", "smk-2")), HOLD);
        harness.processBroadcastElement(RegistryUpdate.upsert(tower("smk-1")), 0);
        assertThat(harness.extractOutputValues())
                .filteredOn(e -> e.kind == DeviceEventKind.UNREGISTERED)
                .extracting(e -> e.deviceId)
                .containsExactly("smk-2");

        harness.processElement(reading("smk-2"), 1000);
        assertThat(readings()).isEmpty();
    }

    @Test
    void aDeletedRiskPointUnregistersAllItsDevices() throws Exception {
        start(List.of(tower("smk-1", "smk-2")), 0);
        harness.processBroadcastElement(RegistryUpdate.delete("rp-t"), 0);
        assertThat(harness.extractOutputValues())
                .filteredOn(e -> e.kind == DeviceEventKind.UNREGISTERED)
                .hasSize(2);
        harness.processElement(reading("smk-1"), 1000);
        assertThat(deadLetters()).hasSize(1);
    }

    @Test
    void thresholdsTravelWithTheSite() throws Exception {
        RiskPoint point = tower("smk-1");
        point.thresholds = Map.of("fire.smokeAlarm", 4.0);
        start(List.of(point), 0);
        harness.processElement(reading("smk-1"), 1000);
        assertThat(readings().get(0).site.param("fire.smokeAlarm", 3.0)).isEqualTo(4.0);
    }
}
