package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * Combines the readings of a subtask per risk point and minute before they are shuffled to their
 * risk point: readings are already spread by device, so the risk_point_1m window then takes one
 * {@link RiskPointMinute} per subtask instead of every reading.
 *
 * <p>A minute goes downstream just before the watermark that closes it, so the window has it before
 * it fires, as it had every reading before; a reading of a minute the watermark has already closed
 * (or with no time) goes on at once, on its own, to be late or dropped there as before. The open
 * minutes are operator state: a checkpoint holds them, and a restore sends them on when the
 * watermark passes. Idleness and the end of the input send them all: downstream stops waiting for
 * this subtask's watermark then.
 */
public class RiskPointMinutes extends AbstractStreamOperator<SiteInput>
        implements OneInputStreamOperator<ReadingSample, SiteInput>, BoundedOneInput {
    private static final ListStateDescriptor<RiskPointMinute> OPEN_MINUTES =
            new ListStateDescriptor<>(
                    "readings-of-open-minutes", TypeInformation.of(RiskPointMinute.class));

    private transient long watermark;
    private transient boolean idle;

    /** Minute start to risk point to its readings so far. */
    private transient TreeMap<Long, Map<String, RiskPointMinute>> open;

    private transient ListState<RiskPointMinute> checkpointed;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(OPEN_MINUTES);
        open = new TreeMap<>();
        watermark = Long.MIN_VALUE;
        for (RiskPointMinute partial : checkpointed.get()) {
            // after a rescale one subtask may get two of a minute: they merge as downstream would
            open.computeIfAbsent(partial.minute, minute -> new HashMap<>())
                    .merge(
                            partial.riskPointId,
                            partial,
                            (held, more) -> {
                                held.readings.merge(more.readings);
                                return held;
                            });
        }
    }

    @Override
    public void processElement(StreamRecord<ReadingSample> element) {
        ReadingSample reading = element.getValue();
        if (!element.hasTimestamp()
                || idle
                || Minutes.last(Minutes.start(element.getTimestamp())) <= watermark) {
            output.collect(element.replace(SiteInput.of(reading)));
            return;
        }
        long minute = Minutes.start(element.getTimestamp());
        // ReadingSample.of builds a fresh sample per reading and nothing changes one: it may be
        // kept as the minute's site
        open.computeIfAbsent(minute, m -> new HashMap<>())
                .computeIfAbsent(reading.riskPointId, id -> RiskPointMinute.of(id, minute))
                .readings
                .add(reading);
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
        List<RiskPointMinute> held = new ArrayList<>();
        open.values().forEach(byRiskPoint -> held.addAll(byRiskPoint.values()));
        checkpointed.update(held);
    }

    private void sendAll() {
        while (!open.isEmpty()) {
            send(open.pollFirstEntry().getValue());
        }
    }

    private void send(Map<String, RiskPointMinute> minutes) {
        for (RiskPointMinute partial : minutes.values()) {
            output.collect(new StreamRecord<>(SiteInput.of(partial), partial.minute));
        }
    }
}
