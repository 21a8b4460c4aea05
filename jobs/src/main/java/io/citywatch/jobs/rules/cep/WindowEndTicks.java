package io.citywatch.jobs.rules.cep;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.time.Duration;

/**
 * Wakes a CEP operator up when a window ends. Flink 2.2's CEP operator advances a key's time only
 * when an event of that key is due, so without later events a trailing {@code notFollowedBy} never
 * completes and the partial matches of a key that went quiet are never pruned. This passes every
 * signal through and, for each signal that can start a window, sends a tick at its event time +
 * {@code within}; no pattern condition may accept a tick.
 *
 * <p>Keyed by risk point. Put it behind the rule's {@code WatermarkCeiling}, so that ticks beyond a
 * replay's clock stop are never sent either.
 */
public class WindowEndTicks<T> extends KeyedProcessFunction<String, T, T> {
    /** The event time of a signal. */
    public interface EventTime<T> extends Serializable {
        long of(T signal);
    }

    /** A signal of the risk point at {@code ts} that carries nothing a pattern accepts. */
    public interface Tick<T> extends Serializable {
        T at(String riskPointId, long ts);
    }

    private final long afterMillis;
    private final EventTime<T> eventTime;
    private final Tick<T> tick;
    private final FilterFunction<T> startsWindow;

    public WindowEndTicks(
            Duration within, EventTime<T> eventTime, Tick<T> tick, FilterFunction<T> startsWindow) {
        this.afterMillis = within.toMillis();
        this.eventTime = eventTime;
        this.tick = tick;
        this.startsWindow = startsWindow;
    }

    public static WindowEndTicks<DeviceEvent> ofDeviceEvents(
            Duration within, FilterFunction<DeviceEvent> startsWindow) {
        return new WindowEndTicks<>(
                within, event -> event.ts, WindowEndTicks::deviceEventTick, startsWindow);
    }

    /** True for the device-event ticks: they carry no reading and no registry change. */
    public static boolean isTick(DeviceEvent event) {
        return event.kind == null;
    }

    @Override
    public void processElement(T signal, Context ctx, Collector<T> out) throws Exception {
        out.collect(signal);
        if (startsWindow.filter(signal)) {
            ctx.timerService().registerEventTimeTimer(eventTime.of(signal) + afterMillis);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) {
        out.collect(tick.at(ctx.getCurrentKey(), timestamp));
    }

    private static DeviceEvent deviceEventTick(String riskPointId, long ts) {
        DeviceEvent tick = new DeviceEvent();
        tick.site = new Site();
        tick.site.riskPointId = riskPointId;
        tick.ts = ts;
        return tick;
    }
}
