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
import io.citywatch.jobs.io.RegistryBacklog;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.OperatorClock;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceEnrichmentTest {
    private static final long HOLD = 30_000;
    private KeyedTwoInputStreamOperatorTestHarness<String, DeviceEvent, RegistryUpdate, DeviceEvent>
            harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(List<RiskPoint> initial, long hold) throws Exception {
        start(RegistryAtStart.of(initial, RegistryBacklog.EMPTY), hold, null);
    }

    private void start(RegistryAtStart atStart, long hold, OperatorSubtaskState restored)
            throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new DeviceEnrichment("citywatch.readings", atStart, hold),
                        event -> event.deviceId,
                        null,
                        Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    /** A registry record as the job reads it from the topic, at {@code offset}. */
    private static RegistryUpdate fromTopic(RegistryUpdate update, long offset) {
        update.offset = offset;
        return update;
    }

    private List<Long> watermarks() {
        return harness.getOutput().stream()
                .filter(Watermark.class::isInstance)
                .map(w -> ((Watermark) w).getTimestamp())
                .toList();
    }

    private List<String> clock() {
        return OperatorClock.of(harness.getOutput());
    }

    /** An unknown device's reading at 2000 is held, the input's clock reaches 9000, then idles. */
    private void holdThenFallIdle(String device) throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        DeviceEvent held = reading(device);
        held.ts = 2000;
        harness.processElement1(held, 2000);
        harness.processWatermark1(new Watermark(9000));
        harness.processWatermarkStatus1(WatermarkStatus.IDLE);
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
        harness.processElement1(reading("smk-1"), 1000);

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
        harness.processElement1(reading("ghost"), 1000);
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
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1", "ghost")), 0), 0);
        assertThat(readings()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputDeadLettersWhatIsStillHeld() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement1(reading("ghost"), 1000);
        harness.processWatermark1(new Watermark(Long.MAX_VALUE));
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
    }

    @Test
    void releasesAHeldReadingWhenItsRegistryRecordArrives() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement1(reading("late-bird"), 1000);
        harness.processElement2(
                fromTopic(RegistryUpdate.upsert(tower("smk-1", "late-bird")), 0), 1000);

        assertThat(readings()).extracting(e -> e.deviceId).containsExactly("late-bird");
        harness.setProcessingTime(HOLD);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void withoutAHoldUnknownDevicesAreDeadLetteredAtOnce() throws Exception {
        start(List.of(), 0);
        harness.processElement1(reading("ghost"), 1000);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
    }

    @Test
    void aRegistryUpdateThatDropsADeviceUnregistersIt() throws Exception {
        start(List.of(tower("smk-1", "smk-2")), HOLD);
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1")), 0), 0);
        assertThat(harness.extractOutputValues())
                .filteredOn(e -> e.kind == DeviceEventKind.UNREGISTERED)
                .extracting(e -> e.deviceId)
                .containsExactly("smk-2");

        harness.processElement1(reading("smk-2"), 1000);
        assertThat(readings()).isEmpty();
    }

    @Test
    void aDeletedRiskPointUnregistersAllItsDevices() throws Exception {
        start(List.of(tower("smk-1", "smk-2")), 0);
        harness.processElement2(fromTopic(RegistryUpdate.delete("rp-t"), 0), 0);
        assertThat(harness.extractOutputValues())
                .filteredOn(e -> e.kind == DeviceEventKind.UNREGISTERED)
                .hasSize(2);
        harness.processElement1(reading("smk-1"), 1000);
        assertThat(deadLetters()).hasSize(1);
    }

    @Test
    void thresholdsTravelWithTheSite() throws Exception {
        RiskPoint point = tower("smk-1");
        point.thresholds = Map.of("fire.smokeAlarm", 4.0);
        start(List.of(point), 0);
        harness.processElement1(reading("smk-1"), 1000);
        assertThat(readings().get(0).site.thresholds.get("fire.smokeAlarm")).isEqualTo(4.0);
    }

    @Test
    void theWatermarkStaysBehindAHeldReadingUntilItIsReleased() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement1(reading("smk-1"), 1000);
        DeviceEvent held = reading("late-bird");
        held.ts = 2000;
        harness.processElement1(held, 2000);
        harness.processWatermark1(new Watermark(9000));
        assertThat(watermarks()).containsExactly(1999L);

        harness.processElement2(
                fromTopic(RegistryUpdate.upsert(tower("smk-1", "late-bird")), 0), 0);
        assertThat(readings()).extracting(e -> e.deviceId).containsExactly("smk-1", "late-bird");
        assertThat(watermarks()).containsExactly(1999L, 9000L);
    }

    @Test
    void aHeldReadingThatTimesOutReleasesTheWatermark() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        DeviceEvent held = reading("ghost");
        held.ts = 2000;
        harness.processElement1(held, 2000);
        harness.processWatermark1(new Watermark(9000));
        harness.setProcessingTime(HOLD);
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
        assertThat(watermarks()).containsExactly(1999L, 9000L);
    }

    @Test
    void aHoldThatEndsAfterTheInputFellIdleStillMovesTheClockBeforeGoingIdle() throws Exception {
        holdThenFallIdle("ghost");
        // idle now, and downstream would drop the watermark that the release brings
        assertThat(clock()).containsExactly("1999");

        harness.setProcessingTime(HOLD);
        assertThat(clock()).containsExactly("1999", "9000", "idle");

        harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
        harness.processWatermark1(new Watermark(12000));
        assertThat(clock()).containsExactly("1999", "9000", "idle", "active", "12000");
    }

    @Test
    void aRegistryRecordReleasingTheLastHeldReadingOfAnIdleInputMovesTheClock() throws Exception {
        holdThenFallIdle("late-bird");
        harness.processElement2(
                fromTopic(RegistryUpdate.upsert(tower("smk-1", "late-bird")), 0), 0);
        assertThat(readings()).extracting(e -> e.deviceId).containsExactly("late-bird");
        assertThat(clock()).containsExactly("1999", "9000", "idle");
    }

    @Test
    void withNothingHeldTheInputsIdlenessPassesOnAtOnce() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement1(reading("smk-1"), 1000);
        harness.processWatermark1(new Watermark(9000));
        harness.processWatermarkStatus1(WatermarkStatus.IDLE);
        harness.processWatermarkStatus1(WatermarkStatus.ACTIVE);
        assertThat(clock()).containsExactly("9000", "idle", "active");
    }

    @Test
    void aRestoredHoldStillHoldsTheWatermark() throws Exception {
        RegistryAtStart atStart =
                RegistryAtStart.of(List.of(tower("smk-1")), RegistryBacklog.EMPTY);
        start(atStart, HOLD, null);
        DeviceEvent held = reading("late-bird");
        held.ts = 2000;
        harness.processElement1(held, 2000);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        start(atStart, HOLD, snapshot);
        harness.processWatermark1(new Watermark(9000));
        assertThat(watermarks()).containsExactly(1999L);
        harness.processElement2(
                fromTopic(RegistryUpdate.upsert(tower("smk-1", "late-bird")), 0), 0);
        assertThat(readings()).extracting(e -> e.ts).containsExactly(2000L);
        assertThat(watermarks()).containsExactly(1999L, 9000L);
    }

    @Test
    void theRegistryInputsWatermarkNeverMovesTheClock() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processWatermark2(new Watermark(Long.MAX_VALUE));
        assertThat(watermarks()).isEmpty();
        harness.processWatermark1(new Watermark(5000));
        assertThat(watermarks()).containsExactly(5000L);
    }

    /** The topic held an upsert of the tower at offset 0 and its deletion at offset 1. */
    private static RegistryAtStart towerAddedThenDeleted() {
        return RegistryAtStart.of(
                List.of(),
                new RegistryBacklog(
                        List.of(
                                RegistryUpdate.upsert(tower("smk-1")),
                                RegistryUpdate.delete("rp-t")),
                        Map.of(0, 2L)));
    }

    @Test
    void registryRecordsTheStartAlreadyIncludesAreNotAppliedAgain() throws Exception {
        RegistryAtStart atStart = towerAddedThenDeleted();
        start(atStart, 0, null);
        // the job streams the topic from its start: the old upsert must not bring the tower back
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1")), 0), 0);
        harness.processElement1(reading("smk-1"), 1000);
        harness.processElement2(fromTopic(RegistryUpdate.delete("rp-t"), 1), 0);
        assertThat(readings()).isEmpty();
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);

        // a record after the start's end is news
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1")), 2), 0);
        harness.processElement1(reading("smk-1"), 2000);
        assertThat(readings()).extracting(e -> e.deviceId).containsExactly("smk-1");
    }

    @Test
    void restoredUpdatesOlderThanANewStartGiveWayToIt() throws Exception {
        RegistryAtStart first =
                RegistryAtStart.of(List.of(), new RegistryBacklog(List.of(), Map.of(0, 0L)));
        start(first, 0, null);
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1")), 0), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // resumed later: meanwhile the topic deleted the tower (offsets 0 and 1, end 2)
        RegistryAtStart later = towerAddedThenDeleted();
        start(later, 0, snapshot);
        harness.processElement1(reading("smk-1"), 1000);
        assertThat(readings()).isEmpty();
        assertThat(deadLetters())
                .extracting(d -> d.reason)
                .containsExactly(RejectReason.unknown_device);
    }

    @Test
    void aDeviceThatStayedUnknownIsNotHeldAgainUntilTheRegistryChanges() throws Exception {
        start(List.of(tower("smk-1")), HOLD);
        harness.processElement1(reading("chatty"), 1000);
        harness.setProcessingTime(HOLD);
        assertThat(deadLetters()).hasSize(1);

        // its next reading goes at once: it does not hold the city's clock for another hold
        harness.processElement1(reading("chatty"), 2000);
        assertThat(deadLetters()).hasSize(2);
        harness.processWatermark1(new Watermark(5000));
        assertThat(watermarks()).containsExactly(5000L);

        // a registry change may have brought it: held again
        harness.setProcessingTime(HOLD + 1);
        harness.processElement2(fromTopic(RegistryUpdate.upsert(tower("smk-1", "smk-2")), 0), 0);
        harness.processElement1(reading("chatty"), 3000);
        assertThat(deadLetters()).hasSize(2);
        harness.setProcessingTime(2 * HOLD + 1);
        assertThat(deadLetters()).hasSize(3);
    }
}
