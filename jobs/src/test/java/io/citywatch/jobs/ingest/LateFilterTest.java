package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.testing.Events;

import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LateFilterTest {
    private static DeviceEvent reading(long ts) {
        DeviceEvent event = Events.reading(null, "d", SensorType.SMOKE, 0.1, ts);
        event.raw = "{ts " + ts + "}";
        return event;
    }

    @Test
    void recordsAtOrBehindTheWatermarkAreDeadLetteredAsLateAndOthersPassWithoutTheirRawText()
            throws Exception {
        try (OneInputStreamOperatorTestHarness<DeviceEvent, DeviceEvent> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new LateFilter<>("citywatch.readings")))) {
            harness.open();
            harness.processWatermark(1000);
            harness.processElement(reading(1000), 1000);
            harness.processElement(reading(1001), 1001);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            event -> {
                                assertThat(event.ts).isEqualTo(1001);
                                assertThat(event.raw).isNull();
                            });
            assertThat(harness.getSideOutput(Outputs.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(
                            record -> {
                                assertThat(record.getValue().reason).isEqualTo(RejectReason.late);
                                assertThat(record.getValue().raw).isEqualTo("{ts 1000}");
                            });
        }
    }

    @Test
    void registryChangesHaveNoEventTimeAndAreNeverLate() throws Exception {
        try (OneInputStreamOperatorTestHarness<DeviceEvent, DeviceEvent> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new LateFilter<>("citywatch.readings")))) {
            harness.open();
            harness.processWatermark(1000);
            harness.processElement(Events.registered(null, "d", SensorType.SMOKE), Long.MIN_VALUE);
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }
}
