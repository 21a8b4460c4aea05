package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

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
 * One device's readings taken in event-time order. "Consecutive" and "over 40 min" depend on order,
 * and readings may arrive out of order within the watermark bound, so each reading waits until the
 * watermark passes it. A device without a reading for {@link #QUIET_MILLIS} is forgotten, and an
 * alert it still holds is cleared: after a day of silence nothing is known about the sensor.
 */
abstract class OrderedReadings extends KeyedProcessFunction<String, DeviceEvent, RuleMatch> {
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    protected final RuleSettings settings;

    private transient MapState<Long, List<DeviceEvent>> buffered;
    private transient ValueState<Long> quietTimer;

    OrderedReadings(RuleSettings settings) {
        this.settings = settings;
    }

    /** The ruleId under which timers beyond a replay's end are reported. */
    abstract String ruleId();

    abstract void openState();

    /** The next reading of the device in event-time order. */
    abstract void onOrderedReading(DeviceEvent event, Collector<RuleMatch> out) throws Exception;

    abstract boolean alertOpen() throws Exception;

    /** Clears all rule state; emits a clear when an alert is open. */
    abstract void forget(String deviceId, long ts, Collector<RuleMatch> out) throws Exception;

    @Override
    public final void open(OpenContext openContext) {
        buffered =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "buffered",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(DeviceEvent.class))));
        quietTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
        openState();
    }

    @Override
    public final void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        List<DeviceEvent> atTs = buffered.get(event.ts);
        if (atTs == null) {
            atTs = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(event.ts);
        }
        atTs.add(event);
        buffered.put(event.ts, atTs);
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        List<DeviceEvent> due = buffered.get(timestamp);
        if (due != null) {
            buffered.remove(timestamp);
            for (DeviceEvent event : due) {
                onOrderedReading(event, out);
            }
            rescheduleQuietTimer(ctx, timestamp);
            return;
        }
        Long quiet = quietTimer.value();
        if (quiet == null || quiet != timestamp || !buffered.isEmpty()) {
            return;
        }
        if (settings.beyondClockStop(timestamp)) {
            if (alertOpen()) {
                ctx.output(
                        Pending.TAG, new PendingTimeout(ruleId(), ctx.getCurrentKey(), timestamp));
            }
            return;
        }
        forget(ctx.getCurrentKey(), timestamp, out);
        quietTimer.clear();
    }

    private void rescheduleQuietTimer(OnTimerContext ctx, long lastTs) throws Exception {
        Long previous = quietTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long due = lastTs + QUIET_MILLIS;
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }
}
