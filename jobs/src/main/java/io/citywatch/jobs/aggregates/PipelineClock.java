package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * The clock pipeline_1m counts by, and its counts per minute. A record with an event time counts in
 * its minute and moves the clock (bounded out-of-orderness); a record without one (a registry
 * record, a record too broken to read its time) counts in the minute the clock is at, so that a
 * backfill of last month does not count those at today's wall clock and leave the month behind its
 * watermark. Records without a time that come before any with one wait for the first.
 *
 * <p>Records are counted here, per stream and minute, and a minute's counts go downstream just
 * before the watermark that closes it: the pipeline_1m window then adds one count per minute and
 * subtask instead of taking every record through its shuffle, and sees each record before its
 * minute fires, as it did when the records themselves went downstream. A record of a minute this
 * clock has already closed goes on at once, on its own, to be late (or dropped) there exactly as
 * before. Counts of open minutes are operator state, so a checkpoint holds them; idleness and the
 * end of the input send them all, as nothing would otherwise close their minutes here.
 */
public class PipelineClock extends OpenMinutes<PipelineEvent, PipelineCount, PipelineCount>
        implements ProcessingTimeCallback {
    private static final ListStateDescriptor<PipelineEvent> WAITING =
            new ListStateDescriptor<>(
                    "undated-before-the-clock", TypeInformation.of(PipelineEvent.class));
    private static final ListStateDescriptor<PipelineCount> OPEN_MINUTES =
            new ListStateDescriptor<>(
                    "counts-of-open-minutes", TypeInformation.of(PipelineCount.class));

    private final long lagMillis;
    private final boolean everyRecord;
    private final long startTs;

    private transient long newest;
    private transient List<PipelineEvent> waiting;
    private transient ListState<PipelineEvent> checkpointedWaiting;

    /**
     * @param everyRecord a watermark after every record (a replay), else periodically
     * @param startTs a replay's first event time, the time of all its records without one;
     *     Long.MIN_VALUE for a job on Kafka
     */
    public PipelineClock(long lagMillis, boolean everyRecord, long startTs) {
        super(OPEN_MINUTES, PipelineCount::of, count -> count.stream, count -> count.minute);
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

    /** After a rescale one subtask may get two counts of a minute: they add up downstream. */
    @Override
    void merge(PipelineCount held, PipelineCount more) {
        held.accepted += more.accepted;
        held.rejected += more.rejected;
        held.late += more.late;
    }

    @Override
    PipelineCount out(PipelineCount count) {
        return count;
    }

    @Override
    public void open() throws Exception {
        super.open();
        newest = Long.MIN_VALUE;
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
            count(event, event.ts);
        } else if (startTs != Long.MIN_VALUE) {
            // a replay: at its start, whenever such a record comes (deterministic)
            count(event, startTs);
        } else if (newest == Long.MIN_VALUE) {
            waiting.add(event);
        } else {
            count(event, newest);
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
            close(Long.MAX_VALUE);
            output.emitWatermark(mark);
        }
    }

    /**
     * The clock catches up with what came before idleness goes downstream: an idle output drops
     * watermarks, and the periodic one would otherwise wait for the inputs to wake. The counts of
     * minutes still open go too: downstream no longer waits for this clock, so it could close them
     * before this clock does.
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

    private void count(PipelineEvent event, long ts) {
        long minute = Minutes.start(ts);
        PipelineCount counts = openMinute(minute, event.stream);
        if (counts == null) {
            PipelineCount alone = PipelineCount.of(event.stream, minute);
            alone.add(event.outcome);
            output.collect(new StreamRecord<>(alone, ts));
        } else {
            counts.add(event.outcome);
        }
    }

    private void releaseWaiting(long ts) {
        for (PipelineEvent event : waiting) {
            count(event, ts);
        }
        waiting.clear();
    }

    private void emitWatermark() {
        if (newest == Long.MIN_VALUE) {
            return;
        }
        long watermark = newest - lagMillis - 1;
        if (watermark > watermark()) {
            close(watermark);
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
