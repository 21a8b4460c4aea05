package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines a subtask's readings per key and minute before they are shuffled to their key's window:
 * readings are already spread by device, so the window then takes one partial minute per subtask
 * instead of every reading.
 *
 * <p>A minute goes downstream just before the watermark that closes it, so the window has it before
 * it fires, as it had every reading before; a reading of a minute the watermark has already closed
 * (or with no time) goes on at once, on its own, to be late or dropped there as before. The open
 * minutes are operator state: a checkpoint holds them, and a restore sends them on when the
 * watermark passes. Idleness and the end of the input send them all: downstream stops waiting for
 * this subtask's watermark then.
 *
 * @param <P> one key's minute, as state and as sent
 */
abstract class OpenMinutes<IN, P, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput {
    private transient long watermark;
    private transient boolean idle;

    /** Minute start to key to its partial minute so far. */
    private transient TreeMap<Long, Map<String, P>> open;

    private transient ListState<P> checkpointed;

    /** The operator state the open minutes are kept in. */
    abstract ListStateDescriptor<P> stateDescriptor();

    abstract String key(IN record);

    abstract P newMinute(String key, long minute);

    abstract void add(P partial, IN record);

    /** {@code more} arrived after {@code held}. */
    abstract void merge(P held, P more);

    abstract String keyOf(P partial);

    abstract long minuteOf(P partial);

    /** The input, on its own, as the window takes it. */
    abstract OUT alone(IN record);

    abstract OUT out(P partial);

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(stateDescriptor());
        open = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        for (P partial : checkpointed.get()) {
            // after a rescale one subtask may get two of a minute: they merge as downstream would
            open.computeIfAbsent(minuteOf(partial), minute -> new HashMap<>())
                    .merge(
                            keyOf(partial),
                            partial,
                            (held, more) -> {
                                merge(held, more);
                                return held;
                            });
        }
    }

    @Override
    public void processElement(StreamRecord<IN> element) {
        IN record = element.getValue();
        if (!element.hasTimestamp()
                || idle
                || Minutes.last(Minutes.start(element.getTimestamp())) <= watermark) {
            output.collect(element.replace(alone(record)));
            return;
        }
        long minute = Minutes.start(element.getTimestamp());
        add(
                open.computeIfAbsent(minute, m -> new HashMap<>())
                        .computeIfAbsent(key(record), key -> newMinute(key, minute)),
                record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        while (!open.isEmpty() && Minutes.last(open.firstKey()) <= mark.getTimestamp()) {
            send(open.pollFirstEntry().getValue());
        }
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            sendAll();
        }
        idle = status.isIdle();
        super.processWatermarkStatus(status);
    }

    @Override
    public void endInput() {
        sendAll();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<P> held = new ArrayList<>();
        open.values().forEach(byKey -> held.addAll(byKey.values()));
        checkpointed.update(held);
    }

    private void sendAll() {
        while (!open.isEmpty()) {
            send(open.pollFirstEntry().getValue());
        }
    }

    private void send(Map<String, P> minutes) {
        for (P partial : minutes.values()) {
            output.collect(new StreamRecord<>(out(partial), minuteOf(partial)));
        }
    }
}
