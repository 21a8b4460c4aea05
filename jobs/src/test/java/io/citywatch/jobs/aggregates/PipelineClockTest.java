package io.citywatch.jobs.aggregates;

import io.citywatch.jobs.testing.OperatorClock;

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

class PipelineClockTest {
    private static final long LAG = 30_000;
    private static final long MINUTE = 60_000;
    private OneInputStreamOperatorTestHarness<PipelineEvent, PipelineCount> harness;

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void start() throws Exception {
        harness = open(null);
    }

    private static OneInputStreamOperatorTestHarness<PipelineEvent, PipelineCount> open(
            OperatorSubtaskState restored) throws Exception {
        OneInputStreamOperatorTestHarness<PipelineEvent, PipelineCount> opened =
                new OneInputStreamOperatorTestHarness<>(
                        new PipelineClock(LAG, false, Long.MIN_VALUE));
        if (restored != null) {
            opened.initializeState(restored);
        }
        opened.open();
        return opened;
    }

    private List<String> clock() {
        return OperatorClock.of(harness.getOutput());
    }

    /** The counts and watermarks that went out, in order: "stream@minute a/r/l @timestamp". */
    private static List<String> sent(OneInputStreamOperatorTestHarness<?, PipelineCount> of) {
        List<String> sent = new ArrayList<>();
        for (Object element : of.getOutput()) {
            if (element instanceof Watermark mark) {
                sent.add("watermark " + mark.getTimestamp());
            } else if (element instanceof StreamRecord<?> record
                    && record.getValue() instanceof PipelineCount c) {
                sent.add(
                        c.stream
                                + "@"
                                + c.minute
                                + " "
                                + c.accepted
                                + "/"
                                + c.rejected
                                + "/"
                                + c.late
                                + " @"
                                + record.getTimestamp());
            }
        }
        return sent;
    }

    private void record(String stream, int outcome, Long ts) throws Exception {
        harness.processElement(PipelineEvent.of(stream, outcome, ts), 0);
    }

    private void tick() throws Exception {
        harness.setProcessingTime(
                harness.getProcessingTime()
                        + harness.getExecutionConfig().getAutoWatermarkInterval());
    }

    @Test
    void theClockCatchesUpWithTheLastRecordsBeforeItGoesIdle() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 90_000L);
        // the periodic watermark has not fired yet when the inputs fall quiet
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1), "idle");
    }

    @Test
    void aPeriodicWatermarkGoesOutWhileTheInputsAreActive() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 90_000L);
        tick();
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1));
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        assertThat(clock()).containsExactly(String.valueOf(90_000 - LAG - 1), "idle");
    }

    @Test
    void aMinutesCountsGoOutOncePerStreamJustBeforeTheWatermarkThatClosesIt() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 10_000L);
        record("readings", PipelineEvent.ACCEPTED, 20_000L);
        record("readings", PipelineEvent.LATE, 5_000L);
        record("incidents", PipelineEvent.REJECTED, 30_000L);
        record("registry", PipelineEvent.ACCEPTED, null); // counts at the clock: 30 s
        record("readings", PipelineEvent.ACCEPTED, 80_000L);
        tick(); // watermark 49 999: minute 0 is still open
        assertThat(sent(harness)).containsExactly("watermark " + (80_000 - LAG - 1));

        record("readings", PipelineEvent.ACCEPTED, 95_000L);
        tick(); // watermark 64 999 closes minute 0, not minute 1
        assertThat(sent(harness))
                .containsExactlyInAnyOrder(
                        "watermark " + (80_000 - LAG - 1),
                        "readings@0 2/0/1 @0",
                        "incidents@0 0/1/0 @0",
                        "registry@0 1/0/0 @0",
                        "watermark " + (95_000 - LAG - 1));
        assertThat(sent(harness).get(sent(harness).size() - 1))
                .as("the counts go before the watermark that closes their minute")
                .isEqualTo("watermark " + (95_000 - LAG - 1));

        harness.processWatermark(Watermark.MAX_WATERMARK); // the end of the inputs
        assertThat(sent(harness).subList(5, sent(harness).size()))
                .containsExactly(
                        "readings@" + MINUTE + " 2/0/0 @" + MINUTE, "watermark " + Long.MAX_VALUE);
    }

    @Test
    void aRecordOfAMinuteTheClockHasClosedGoesOnAloneToBeLateDownstream() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 100_000L);
        tick(); // watermark 69 999
        record("actions", PipelineEvent.ACCEPTED, 59_000L);
        record("actions", PipelineEvent.ACCEPTED, 59_500L);
        assertThat(sent(harness))
                .containsExactly(
                        "watermark " + (100_000 - LAG - 1),
                        "actions@0 1/0/0 @59000",
                        "actions@0 1/0/0 @59500");
    }

    @Test
    void countsOfOpenMinutesSurviveACheckpointAndCountOnceAfterTheRestore() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 10_000L);
        record("readings", PipelineEvent.REJECTED, 70_000L);
        tick(); // watermark 39 999: nothing closed
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        // after the checkpoint, before the failure: lost with the failure, replayed from the source
        record("readings", PipelineEvent.ACCEPTED, 20_000L);
        assertThat(sent(harness)).containsExactly("watermark " + (70_000 - LAG - 1));
        harness.close();

        harness = open(snapshot);
        record("readings", PipelineEvent.ACCEPTED, 20_000L); // the replayed record
        record("readings", PipelineEvent.ACCEPTED, 130_000L);
        tick(); // watermark 99 999 closes minute 0 only
        assertThat(sent(harness))
                .containsExactly("readings@0 2/0/0 @0", "watermark " + (130_000 - LAG - 1));
        harness.endInput();
        assertThat(sent(harness).subList(2, sent(harness).size()))
                .containsExactlyInAnyOrder(
                        "readings@" + MINUTE + " 0/1/0 @" + MINUTE,
                        "readings@" + 2 * MINUTE + " 1/0/0 @" + 2 * MINUTE);
    }

    @Test
    void goingIdleSendsTheCountsOfOpenMinutesAndAWakingRecordGoesAlone() throws Exception {
        start();
        record("readings", PipelineEvent.ACCEPTED, 100_000L);
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        // downstream no longer waits for this clock: nothing may stay behind
        assertThat(sent(harness))
                .containsExactly(
                        "watermark " + (100_000 - LAG - 1),
                        "readings@" + MINUTE + " 1/0/0 @" + MINUTE);
        assertThat(clock()).endsWith("idle");
    }

    @Test
    void aReplayCountsUndatedRecordsAtItsStartAndClosesMinutesRecordByRecord() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new PipelineClock(LAG, true, 0));
        harness.open();
        record("registry", PipelineEvent.ACCEPTED, null);
        record("readings", PipelineEvent.ACCEPTED, 50_000L);
        record("readings", PipelineEvent.ACCEPTED, 95_000L); // watermark 64 999 closes minute 0
        assertThat(sent(harness))
                .containsExactlyInAnyOrder(
                        "watermark " + (50_000 - LAG - 1),
                        "registry@0 1/0/0 @0",
                        "readings@0 1/0/0 @0",
                        "watermark " + (95_000 - LAG - 1));
        assertThat(sent(harness).get(3)).isEqualTo("watermark " + (95_000 - LAG - 1));
    }
}
