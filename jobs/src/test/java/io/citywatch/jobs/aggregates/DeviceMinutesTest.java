package io.citywatch.jobs.aggregates;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.citywatch.jobs.aggregates.RiskPointMinutesTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

/** device_1m's pre-aggregate; the behaviour it shares is in {@link RiskPointMinutesTest}. */
class DeviceMinutesTest {
    @Test
    void aDevicesMinuteIsTheSameAsItsReadingsAndSurvivesARestore() throws Exception {
        List<ReadingSample> readings =
                List.of(
                        sample("rp-1", "a", "smoke", 1.25, 1_000, false),
                        sample("rp-1", "a", "smoke", 0, 2_000, true),
                        sample("rp-1", "a", "smoke", 0.75, 3_000, false),
                        sample("rp-1", "a", "smoke", 2.0, 3_000, false));
        DeviceWindows.Aggregate window = new DeviceWindows.Aggregate();
        DeviceWindows.Accumulator oneByOne = new DeviceWindows.Accumulator();
        readings.forEach(oneByOne::add);

        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<ReadingSample, DeviceMinute> before =
                new OneInputStreamOperatorTestHarness<>(new DeviceMinutes())) {
            before.open();
            for (ReadingSample reading : readings.subList(0, 2)) {
                before.processElement(reading, reading.ts);
            }
            snapshot = before.snapshot(1, 1);
            assertThat(before.extractOutputValues()).isEmpty();
        }
        try (OneInputStreamOperatorTestHarness<ReadingSample, DeviceMinute> after =
                new OneInputStreamOperatorTestHarness<>(new DeviceMinutes())) {
            after.initializeState(snapshot);
            after.open();
            for (ReadingSample reading : readings.subList(2, 4)) {
                after.processElement(reading, reading.ts);
            }
            after.processWatermark(new Watermark(59_999));
            List<DeviceMinute> sent = after.extractOutputValues();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).deviceId).isEqualTo("a");
            assertThat(sent.get(0).minute).isZero();

            DeviceWindows.Accumulator combined = window.createAccumulator();
            window.add(sent.get(0), combined);
            assertThat(combined.type).isEqualTo(oneByOne.type).isEqualTo("smoke");
            assertThat(combined.riskPointId).isEqualTo("rp-1");
            assertThat(combined.stats).usingRecursiveComparison().isEqualTo(oneByOne.stats);
            assertThat(combined.stats.count).isEqualTo(3);
            assertThat(combined.stats.last).isEqualTo(2.0);
        }
    }
}
