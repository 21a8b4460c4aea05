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
    private transient ValueState<Long> quietTimer;

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
        atTs.add(event);
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
            rescheduleQuietTimer(ctx, timestamp + quietMillis(due.get(due.size() - 1)));
            return;
        }
        Long quiet = quietTimer.value();
        if (quiet != null && quiet == timestamp && buffered.isEmpty()) {
            quietTimer.clear();
            onQuiet(timestamp, ctx, out);
        }
    }

    /** One reading, in event-time order; readings with the same time in arrival order. */
    protected abstract void step(DeviceEvent event, OnTimerContext ctx, Collector<OUT> out)
            throws Exception;

    /** How long after its latest reading a key no longer needs its state. */
    protected abstract long quietMillis(DeviceEvent latest);

    /** The key has been quiet since {@code timestamp - quietMillis}: drop what is not needed. */
    protected abstract void onQuiet(long timestamp, OnTimerContext ctx, Collector<OUT> out)
            throws Exception;

    private void rescheduleQuietTimer(OnTimerContext ctx, long due) throws Exception {
        Long previous = quietTimer.value();
        // Timers are unique per key and time: the old quiet timer may also be a buffered
        // reading's timer, which must still fire.
        if (previous != null && previous != due && !buffered.contains(previous)) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }
}
