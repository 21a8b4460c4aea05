package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The clock pipeline_1m counts by. A record with an event time counts in its minute and moves the
 * clock (bounded out-of-orderness); a record without one (a registry record, a record too broken to
 * read its time) counts in the minute the clock is at, so that a backfill of last month does not
 * count those at today's wall clock and leave the month behind its watermark. Records without a
 * time that come before any with one wait for the first.
 */
public class PipelineClock extends AbstractStreamOperator<PipelineEvent>
        implements OneInputStreamOperator<PipelineEvent, PipelineEvent>, ProcessingTimeCallback {
    private static final ListStateDescriptor<PipelineEvent> WAITING =
            new ListStateDescriptor<>(
                    "undated-before-the-clock", TypeInformation.of(PipelineEvent.class));

    private final long lagMillis;
    private final boolean everyRecord;
    private final long startTs;

    private transient long newest;
    private transient long emitted;
    private transient List<PipelineEvent> waiting;
    private transient ListState<PipelineEvent> checkpointedWaiting;

    /**
     * @param everyRecord a watermark after every record (a replay), else periodically
     * @param startTs a replay's first event time, the time of all its records without one;
     *     Long.MIN_VALUE for a job on Kafka
     */
    public PipelineClock(long lagMillis, boolean everyRecord, long startTs) {
        this.lagMillis = lagMillis;
        this.everyRecord = everyRecord;
        this.startTs = startTs;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointedWaiting = context.getOperatorStateStore().getListState(WAITING);
        waiting = new ArrayList<>();
        checkpointedWaiting.get().forEach(waiting::add);
    }

    @Override
    public void open() throws Exception {
        super.open();
        newest = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        if (!everyRecord) {
            scheduleEmit();
        }
    }

    @Override
    public void processElement(StreamRecord<PipelineEvent> element) throws Exception {
        PipelineEvent event = element.getValue();
        if (event.dated) {
            if (event.ts > newest) {
                newest = event.ts;
                releaseWaiting(newest);
            }
            output.collect(element.replace(event, event.ts));
        } else if (startTs != Long.MIN_VALUE) {
            // a replay: at its start, whenever such a record comes (deterministic)
            output.collect(element.replace(event, startTs));
        } else if (newest == Long.MIN_VALUE) {
            waiting.add(event);
        } else {
            output.collect(element.replace(event, newest));
        }
        if (everyRecord) {
            emitWatermark();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // the inputs' watermarks mean nothing here, but their end does
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            releaseWaiting(startTs != Long.MIN_VALUE ? startTs : System.currentTimeMillis());
            emitted = Long.MAX_VALUE;
            output.emitWatermark(mark);
        }
    }

    /**
     * The clock catches up with what came before idleness goes downstream: an idle output drops
     * watermarks, and the periodic one would otherwise wait for the inputs to wake.
     */
    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            emitWatermark();
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        emitWatermark();
        scheduleEmit();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointedWaiting.update(waiting);
    }

    private void releaseWaiting(long ts) {
        for (PipelineEvent event : waiting) {
            output.collect(new StreamRecord<>(event, ts));
        }
        waiting.clear();
    }

    private void emitWatermark() {
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long watermark = newest - lagMillis - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    private void scheduleEmit() {
        long interval = Math.max(1, getExecutionConfig().getAutoWatermarkInterval());
        getProcessingTimeService()
                .registerTimer(
                        getProcessingTimeService().getCurrentProcessingTime() + interval, this);
    }
}
