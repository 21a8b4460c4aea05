package io.citywatch.jobs.aggregates;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskPointMinutesTest {
    private static final long MINUTE = 60_000;
    private OneInputStreamOperatorTestHarness<ReadingSample, SiteInput> harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private static OneInputStreamOperatorTestHarness<ReadingSample, SiteInput> open(
            OperatorSubtaskState restored) throws Exception {
        OneInputStreamOperatorTestHarness<ReadingSample, SiteInput> opened =
                new OneInputStreamOperatorTestHarness<>(new RiskPointMinutes());
        if (restored != null) {
            opened.initializeState(restored);
        }
        opened.open();
        return opened;
    }

    private void reading(String riskPoint, String device, double value, long ts) throws Exception {
        harness.processElement(sample(riskPoint, device, "smoke", value, ts, false), ts);
    }

    static ReadingSample sample(
            String riskPoint, String device, String type, double value, long ts, boolean fault) {
        ReadingSample sample = new ReadingSample();
        sample.riskPointId = riskPoint;
        sample.deviceId = device;
        sample.type = type;
        sample.value = value;
        sample.ts = ts;
        sample.fault = fault;
        sample.district = "Yuzhong";
        sample.devicesTotal = 3;
        return sample;
    }

    /**
     * What went out, in order: "rp@minute readings=n devices=n smoke=count/max/last @timestamp",
     * "rp single <ts>" for a reading on its own, "watermark <ts>".
     */
    private List<String> sent() {
        List<String> sent = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof Watermark mark) {
                sent.add("watermark " + mark.getTimestamp());
            } else if (element instanceof StreamRecord<?> record
                    && record.getValue() instanceof SiteInput input) {
                if (input.reading != null) {
                    sent.add(input.reading.riskPointId + " single @" + record.getTimestamp());
                } else {
                    RiskPointWindows.Accumulator acc = input.minute.readings;
                    SensorStats smoke = acc.stats.get("smoke");
                    sent.add(
                            input.minute.riskPointId
                                    + "@"
                                    + input.minute.minute
                                    + " readings="
                                    + acc.readings
                                    + " devices="
                                    + acc.devices.size()
                                    + " smoke="
                                    + smoke.count
                                    + "/"
                                    + smoke.max
                                    + "/"
                                    + smoke.last
                                    + " @"
                                    + record.getTimestamp());
                }
            }
        }
        return sent;
    }

    @Test
    void combinesAMinutePerRiskPointAndSendsItJustBeforeTheWatermarkThatClosesIt()
            throws Exception {
        harness = open(null);
        reading("rp-1", "a", 1.0, 1_000);
        reading("rp-1", "b", 3.0, 2_000);
        reading("rp-1", "a", 2.0, 2_000); // same ms: the later arrival is the last
        reading("rp-2", "c", 5.0, 3_000);
        reading("rp-1", "a", 9.0, 61_000);
        harness.processWatermark(new Watermark(MINUTE - 2));
        assertThat(sent()).containsExactly("watermark " + (MINUTE - 2));

        harness.processWatermark(new Watermark(MINUTE - 1)); // closes minute 0, not minute 1
        assertThat(sent())
                .containsExactlyInAnyOrder(
                        "watermark " + (MINUTE - 2),
                        "rp-1@0 readings=3 devices=2 smoke=3/3.0/2.0 @0",
                        "rp-2@0 readings=1 devices=1 smoke=1/5.0/5.0 @0",
                        "watermark " + (MINUTE - 1));
        assertThat(sent()).last().isEqualTo("watermark " + (MINUTE - 1));

        harness.processWatermark(Watermark.MAX_WATERMARK);
        assertThat(sent().subList(4, sent().size()))
                .containsExactly(
                        "rp-1@" + MINUTE + " readings=1 devices=1 smoke=1/9.0/9.0 @" + MINUTE,
                        "watermark " + Long.MAX_VALUE);
    }

    @Test
    void aReadingOfAClosedMinuteGoesOnAlone() throws Exception {
        harness = open(null);
        harness.processWatermark(new Watermark(MINUTE + 5_000));
        reading("rp-1", "a", 1.0, MINUTE - 1);
        reading("rp-1", "a", 1.0, 30_000);
        reading("rp-1", "a", 1.0, MINUTE + 5_000); // its minute is still open: held
        assertThat(sent())
                .containsExactly(
                        "watermark " + (MINUTE + 5_000),
                        "rp-1 single @" + (MINUTE - 1),
                        "rp-1 single @30000");
    }

    @Test
    void openMinutesSurviveACheckpointAndCountOnceAfterTheRestore() throws Exception {
        harness = open(null);
        reading("rp-1", "a", 1.0, 1_000);
        reading("rp-1", "b", 4.0, 61_000);
        harness.processWatermark(new Watermark(30_000));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        reading("rp-1", "b", 2.0, 2_000); // after the checkpoint: replayed after the restore
        assertThat(sent()).containsExactly("watermark 30000");
        harness.close();

        harness = open(snapshot);
        reading("rp-1", "b", 2.0, 2_000);
        harness.processWatermark(new Watermark(MINUTE - 1));
        assertThat(sent())
                .containsExactly(
                        "rp-1@0 readings=2 devices=2 smoke=2/2.0/2.0 @0",
                        "watermark " + (MINUTE - 1));
        harness.endInput();
        assertThat(sent())
                .last()
                .isEqualTo("rp-1@" + MINUTE + " readings=1 devices=1 smoke=1/4.0/4.0 @" + MINUTE);
    }

    @Test
    void goingIdleSendsEveryOpenMinuteAndReadingsWhileIdleGoAlone() throws Exception {
        harness = open(null);
        reading("rp-1", "a", 1.0, 1_000);
        reading("rp-1", "a", 2.0, 61_000);
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        reading("rp-1", "a", 3.0, 62_000);
        harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
        reading("rp-1", "a", 4.0, 63_000);
        assertThat(sent())
                .containsExactly(
                        "rp-1@0 readings=1 devices=1 smoke=1/1.0/1.0 @0",
                        "rp-1@" + MINUTE + " readings=1 devices=1 smoke=1/2.0/2.0 @" + MINUTE,
                        "rp-1 single @62000");
        assertThat(harness.getOutput())
                .filteredOn(e -> e instanceof WatermarkStatus)
                .containsExactly(WatermarkStatus.IDLE, WatermarkStatus.ACTIVE);
    }

    /** The window's result is the same whether it adds the readings or a subtask's minute. */
    @Test
    void theWindowGetsTheSameMinuteFromPartialsAsFromReadings() {
        List<ReadingSample> readings =
                List.of(
                        sample("rp-1", "a", "smoke", 1.5, 1_000, false),
                        sample("rp-1", "b", "smoke", 0.5, 4_000, false),
                        sample("rp-1", "b", "temperature", 21.0, 4_000, false),
                        sample("rp-1", "c", "smoke", 0, 5_000, true),
                        sample("rp-1", "a", "smoke", 2.5, 4_500, false),
                        // a tie within a subtask: the later arrival is the last either way (a
                        // tie between subtasks was, and is, decided by arrival order at the window)
                        sample("rp-1", "a", "smoke", 3.5, 4_500, false));
        RiskPointWindows.Aggregate window = new RiskPointWindows.Aggregate();
        RiskPointWindows.Accumulator oneByOne = window.createAccumulator();
        readings.forEach(reading -> window.add(SiteInput.of(reading), oneByOne));

        // two subtasks: a, c on one, b on the other, b's minute arriving last
        RiskPointMinute first = RiskPointMinutes.emptyMinute("rp-1", 0);
        RiskPointMinute second = RiskPointMinutes.emptyMinute("rp-1", 0);
        for (ReadingSample reading : readings) {
            (reading.deviceId.equals("b") ? second : first).readings.add(reading);
        }
        RiskPointWindows.Accumulator combined = window.createAccumulator();
        window.add(SiteInput.of(first), combined);
        window.add(SiteInput.of(second), combined);

        assertThat(combined.readings).isEqualTo(oneByOne.readings).isEqualTo(6);
        assertThat(combined.faults).isEqualTo(oneByOne.faults).isEqualTo(1);
        assertThat(combined.devices).isEqualTo(oneByOne.devices).hasSize(3);
        assertThat(combined.site.ts).isEqualTo(oneByOne.site.ts).isEqualTo(5_000);
        assertThat(combined.stats).containsOnlyKeys(oneByOne.stats.keySet());
        assertThat(combined.stats.get("smoke").last).isEqualTo(3.5);
        oneByOne.stats.forEach(
                (type, stats) ->
                        assertThat(combined.stats.get(type))
                                .usingRecursiveComparison()
                                .isEqualTo(stats));
    }
}
