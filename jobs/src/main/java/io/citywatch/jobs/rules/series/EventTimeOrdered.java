package io.citywatch.jobs.rules.series;

import io.citywatch.jobs.events.DeviceEvent;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * A keyed running computation over readings taken in event-time order. Readings may arrive out of
 * order within the watermark bound, and a sum, a regression or a "previous reading" depends on
 * order: so each reading waits until the watermark passes it. When a key has been quiet for {@link
 * #quietMillis}, {@link #onQuiet} lets the subclass drop its state.
 */
public abstract class EventTimeOrdered<OUT> extends KeyedProcessFunction<String, DeviceEvent, OUT> {
    private transient MapState<Long, List<DeviceEvent>> buffered;

    /** The registered quiet timer; it may be earlier than {@link #quietDue}. */
    private transient ValueState<Long> quietTimer;

    /** When the key goes quiet, given its latest reading. */
    private transient ValueState<Long> quietDue;

    @Override
    public void open(OpenContext openContext) throws Exception {
        buffered =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buffered",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(DeviceEvent.class))));
        quietTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
        quietDue =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-due", Types.LONG));
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<OUT> out)
            throws Exception {
        List<DeviceEvent> atTs = buffered.get(event.ts);
        if (atTs == null) {
            atTs = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(event.ts);
        } else if (atTs.stream().anyMatch(held -> sameReading(held, event))) {
            // a device that sends a reading twice (a retry) must not count twice in a streak;
            // a copy can only come while the first is still held, since both are on time
            return;
        }
        atTs.add(held(event));
        buffered.put(event.ts, atTs);
    }

    private static boolean sameReading(DeviceEvent held, DeviceEvent event) {
        return held.isReading()
                && event.isReading()
                && held.deviceId.equals(event.deviceId)
                && held.reading.type == event.reading.type
                && Double.compare(held.reading.value, event.reading.value) == 0;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        List<DeviceEvent> due = buffered.get(timestamp);
        if (due != null) {
            buffered.remove(timestamp);
            for (DeviceEvent event : due) {
                step(event, ctx, out);
            }
            Long quiet = quietTimer.value();
            if (quiet != null && quiet == timestamp) {
                quietTimer.clear(); // it fired with these readings
            }
            if (holdsState()) {
                postponeQuiet(ctx, timestamp + quietMillis(due.get(due.size() - 1)));
            } else {
                dropQuietTimer(ctx);
            }
            return;
        }
        Long quiet = quietTimer.value();
        if (quiet == null || quiet != timestamp) {
            return;
        }
        quietTimer.clear();
        Long quietAt = quietDue.value();
        if (quietAt != null && quietAt > timestamp) {
            ctx.timerService().registerEventTimeTimer(quietAt);
            quietTimer.update(quietAt);
        } else if (buffered.isEmpty()) {
            quietDue.clear();
            onQuiet(timestamp, ctx, out);
        }
    }

    /**
     * What is kept of {@code event} until the watermark passes it: the event, unless the subclass
     * needs less of it. Held readings are most of a checkpoint (about half the devices have one
     * waiting per rule), and a whole event carries its risk point's {@code Site}.
     */
    protected DeviceEvent held(DeviceEvent event) {
        return event;
    }

    /** One reading, in event-time order; readings with the same time in arrival order. */
    protected abstract void step(DeviceEvent event, OnTimerContext ctx, Collector<OUT> out)
            throws Exception;

    /** How long after its latest reading a key no longer needs its state. */
    protected abstract long quietMillis(DeviceEvent latest);

    /**
     * Whether the key holds anything {@link #onQuiet} would drop or act on. A subclass whose usual
     * key holds nothing (a healthy sensor) says so, and keeps neither a quiet timer nor its state:
     * that is most of the city, so most of the state and a timer per reading.
     */
    protected boolean holdsState() throws Exception {
        return true;
    }

    /** The key has been quiet since {@code timestamp - quietMillis}: drop what is not needed. */
    protected abstract void onQuiet(long timestamp, OnTimerContext ctx, Collector<OUT> out)
            throws Exception;

    private void dropQuietTimer(OnTimerContext ctx) throws Exception {
        quietDue.clear();
        Long previous = quietTimer.value();
        if (previous == null) {
            return;
        }
        if (!buffered.contains(previous)) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        quietTimer.clear();
    }

    /**
     * Moves the time the key goes quiet to {@code due}. The timer stays where it is when it is
     * earlier and moves itself on when it fires (onTimer): a timer per quiet period instead of a
     * delete and a register for every reading.
     */
    private void postponeQuiet(OnTimerContext ctx, long due) throws Exception {
        quietDue.update(due);
        Long previous = quietTimer.value();
        if (previous != null && previous <= due) {
            return;
        }
        // Timers are unique per key and time: the old quiet timer may also be a buffered
        // reading's timer, which must still fire.
        if (previous != null && !buffered.contains(previous)) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }
}
