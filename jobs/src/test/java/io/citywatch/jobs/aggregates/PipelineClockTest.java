package io.citywatch.jobs.aggregates;

import io.citywatch.jobs.testing.OperatorClock;

import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineClockTest {
    private static final long LAG = 30_000;
    private OneInputStreamOperatorTestHarness<PipelineEvent, PipelineEvent> harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void start() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new PipelineClock(LAG, false, Long.MIN_VALUE));
        harness.open();
    }

    private List<String> clock() {
        return OperatorClock.of(harness.getOutput());
    }

    @Test
    void theClockCatchesUpWithTheLastRecordsBeforeItGoesIdle() throws Exception {
        start();
        harness.processElement(PipelineEvent.of("readings", PipelineEvent.ACCEPTED, 90_000L), 0);
        // the periodic watermark has not fired yet when the inputs fall quiet
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1), "idle");
    }

    @Test
    void aPeriodicWatermarkGoesOutWhileTheInputsAreActive() throws Exception {
        start();
        harness.processElement(PipelineEvent.of("readings", PipelineEvent.ACCEPTED, 90_000L), 0);
        harness.setProcessingTime(harness.getExecutionConfig().getAutoWatermarkInterval());
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1));
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1), "idle");
    }
}
