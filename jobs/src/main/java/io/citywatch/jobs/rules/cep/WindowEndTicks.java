package io.citywatch.jobs.rules.cep;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;

/**
 * Wakes a CEP operator up when a window ends. Flink 2.2's CEP operator advances a key's time only
 * when an event of that key is due, so without later events a trailing {@code notFollowedBy} never
 * completes and the partial matches of a key that went quiet are never pruned. This passes every
 * event through and, for each event that can start a window, sends a tick at its event time +
 * {@code within}; ticks are not readings, so no pattern condition accepts them.
 *
 * <p>Keyed by risk point. Put it behind the rule's {@code WatermarkCeiling}, so that ticks beyond a
 * replay's clock stop are never sent either.
 */
public class WindowEndTicks extends KeyedProcessFunction<String, DeviceEvent, DeviceEvent> {
    private final long afterMillis;
    private final FilterFunction<DeviceEvent> startsWindow;

    public WindowEndTicks(Duration within, FilterFunction<DeviceEvent> startsWindow) {
        this.afterMillis = within.toMillis();
        this.startsWindow = startsWindow;
    }

    /** True for the ticks this function sends: they carry no reading and no registry change. */
    public static boolean isTick(DeviceEvent event) {
        return event.kind == null;
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<DeviceEvent> out)
            throws Exception {
        out.collect(event);
        if (startsWindow.filter(event)) {
            ctx.timerService().registerEventTimeTimer(event.ts + afterMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DeviceEvent> out) {
        DeviceEvent tick = new DeviceEvent();
        tick.site = new Site();
        tick.site.riskPointId = ctx.getCurrentKey();
        tick.ts = timestamp;
        out.collect(tick);
    }
}
