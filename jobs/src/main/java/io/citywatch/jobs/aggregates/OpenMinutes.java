package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.function.SerializableFunction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines a subtask's records per key and minute before they are shuffled to their key's window,
 * so that the window takes one partial minute per subtask instead of every record.
 *
 * <p>A minute goes downstream just before the watermark that closes it ({@link #close}), so the
 * window has it before it fires, as it had every record before; a record of a minute already closed
 * here goes on at once, on its own, to be late or dropped there as before. The open minutes are
 * operator state: a checkpoint holds them, and a restore sends them on when the watermark passes.
 * Idleness and the end of the input send them all: downstream stops waiting for this subtask's
 * watermark then.
 *
 * @param <P> one key's minute, as state and as sent
 */
abstract class OpenMinutes<IN, P, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT>, BoundedOneInput {
    /** A new partial minute of a key, with nothing in it yet. */
    interface NewMinute<P> extends Serializable {
        P of(String key, long minute);
    }

    /** The operator state the open minutes are kept in. */
    private final ListStateDescriptor<P> stateDescriptor;

    private final NewMinute<P> newMinute;
    private final SerializableFunction<P, String> keyOf;
    private final SerializableFunction<P, Long> minuteOf;

    /** The newest watermark that closed minutes here. */
    private transient long watermark;

    private transient boolean idle;

    /** Minute start to key to its partial minute so far. */
    private transient TreeMap<Long, Map<String, P>> open;

    private transient ListState<P> checkpointed;

    OpenMinutes(
            ListStateDescriptor<P> stateDescriptor,
            NewMinute<P> newMinute,
            SerializableFunction<P, String> keyOf,
            SerializableFunction<P, Long> minuteOf) {
        this.stateDescriptor = stateDescriptor;
        this.newMinute = newMinute;
        this.keyOf = keyOf;
        this.minuteOf = minuteOf;
    }

    /** {@code more} arrived after {@code held}. */
    abstract void merge(P held, P more);

    abstract OUT out(P partial);

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(stateDescriptor);
        open = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        for (P partial : checkpointed.get()) {
            // after a rescale one subtask may get two of a minute: they merge as downstream would
            open.computeIfAbsent(minuteOf.apply(partial), minute -> new HashMap<>())
                    .merge(
                            keyOf.apply(partial),
                            partial,
                            (held, more) -> {
                                merge(held, more);
                                return held;
                            });
        }
    }

    /**
     * The partial minute of {@code key} to add a record to, or null when this subtask is idle or
     * has closed the minute: the record then goes on alone.
     */
    P openMinute(long minute, String key) {
        if (idle || Minutes.last(minute) <= watermark) {
            return null;
        }
        return open.computeIfAbsent(minute, m -> new HashMap<>())
                .computeIfAbsent(key, k -> newMinute.of(k, minute));
    }

    /** Sends the minutes that {@code mark} closes; the caller sends the watermark after them. */
    void close(long mark) {
        while (!open.isEmpty() && Minutes.last(open.firstKey()) <= mark) {
            send(open.pollFirstEntry().getValue());
        }
        watermark = Math.max(watermark, mark);
    }

    long watermark() {
        return watermark;
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
            output.collect(new StreamRecord<>(out(partial), minuteOf.apply(partial)));
        }
    }
}
