package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.io.RawRecord;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes raw records of one topic; every record that fails goes to the dead-letter output with its
 * reason, and no input, however broken, escapes as an exception.
 *
 * <p>For a timed input it also decides lateness, per Kafka partition: a record is late when its
 * event time is at or behind its own partition's watermark, the newest event time of the partition
 * minus the allowed out-of-orderness. That is the watermark the source generates for the partition
 * (per split), decided here exactly, record by record, so that a backlog, a restart or a partition
 * far behind the others changes nothing: only a record behind its own partition is late. The newest
 * time of every partition is checkpointed, so a restored job judges the records after its
 * checkpoint as an uninterrupted one would.
 */
public class DecodeFunction<T, OUT> extends ProcessFunction<RawRecord, OUT>
        implements CheckpointedFunction {
    /** Builds the stream element from the decoded value and its raw record. */
    public interface Wrapper<T, OUT> extends Serializable {
        OUT wrap(T value, RawRecord raw);
    }

    /** The newest event time seen in one partition, as checkpointed. */
    public static class PartitionTime {
        public int partition;
        public long newest;

        public PartitionTime() {}

        PartitionTime(int partition, long newest) {
            this.partition = partition;
            this.newest = newest;
        }
    }

    private static final ListStateDescriptor<PartitionTime> PARTITION_TIMES =
            new ListStateDescriptor<>(
                    "newest-event-time-per-partition", TypeInformation.of(PartitionTime.class));

    private final String topic;
    private final InputFormat<T> format;
    private final Wrapper<T, OUT> wrapper;
    private final long lagMillis;

    private transient Map<Integer, Long> newestByPartition;
    private transient ListState<PartitionTime> checkpointedTimes;
    private transient Counter lateRecords;

    /**
     * @param lagMillis the bounded out-of-orderness of a timed input: an event exactly this far
     *     behind its partition's newest is still on time
     */
    public DecodeFunction(
            String topic, InputFormat<T> format, Wrapper<T, OUT> wrapper, long lagMillis) {
        this.topic = topic;
        this.format = format;
        this.wrapper = wrapper;
        this.lagMillis = lagMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<OUT> out) {
        Parsed<T> parsed = format.decode(raw);
        raw.decoded = null;
        if (!parsed.isOk()) {
            ctx.output(
                    Outputs.DEAD_LETTERS,
                    DeadLetter.of(
                            topic,
                            parsed.reason(),
                            parsed.detail(),
                            raw.text,
                            raw.ingestTs,
                            raw.position));
            return;
        }
        if (format.isTimed()) {
            long ts = format.eventTime(parsed);
            Long newest = newestByPartition.get(raw.partition);
            if (newest != null && ts <= newest - lagMillis - 1) {
                lateRecords.inc();
                ctx.output(Outputs.DEAD_LETTERS, late(raw, ts, newest - lagMillis - 1));
                return;
            }
            if (newest == null || ts > newest) {
                newestByPartition.put(raw.partition, ts);
            }
        }
        out.collect(wrapper.wrap(parsed.value(), raw));
    }

    private DeadLetter late(RawRecord raw, long ts, long watermark) {
        return DeadLetter.of(
                topic,
                RejectReason.late,
                "event time "
                        + Instant.ofEpochMilli(ts)
                        + " is behind the watermark "
                        + Instant.ofEpochMilli(watermark)
                        + " of partition "
                        + raw.partition,
                raw.text,
                ts,
                raw.position);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<PartitionTime> times = new ArrayList<>();
        newestByPartition.forEach(
                (partition, newest) -> times.add(new PartitionTime(partition, newest)));
        checkpointedTimes.update(times);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // union: after a change of parallelism a partition may be read by any subtask
        checkpointedTimes = context.getOperatorStateStore().getUnionListState(PARTITION_TIMES);
        newestByPartition = new HashMap<>();
        for (PartitionTime time : checkpointedTimes.get()) {
            newestByPartition.merge(time.partition, time.newest, Math::max);
        }
    }
}
