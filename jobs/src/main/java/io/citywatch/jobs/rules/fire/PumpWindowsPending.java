package io.citywatch.jobs.rules.fire;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The minutes fire.pump_failed could not judge in a replay: low-pressure readings whose minute ends
 * after the replay's clock stops and that no pump start has answered. CEP neither fires nor
 * dismisses them, so they are reported as pending (docs/contract.md §6). Keyed by risk point; keeps
 * only the last minute of a replay's input and does nothing when the clock never stops.
 */
public class PumpWindowsPending extends KeyedProcessFunction<String, DeviceEvent, PendingTimeout> {
    private final RuleSettings settings;

    private transient ListState<Long> lateLows;
    private transient ValueState<Long> latestPumpStart;

    public PumpWindowsPending(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        lateLows = getRuntimeContext().getListState(new ListStateDescriptor<>("lows", Types.LONG));
        latestPumpStart =
                getRuntimeContext().getState(new ValueStateDescriptor<>("pump-start", Types.LONG));
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<PendingTimeout> out)
            throws Exception {
        if (!settings.beyondClockStop(event.ts + PumpFailedRule.PUMP_WINDOW.toMillis())) {
            return;
        }
        if (PumpFailedRule.isLowPressure(event)) {
            lateLows.add(event.ts);
        } else if (PumpFailedRule.isPumpRunning(event)) {
            Long latest = latestPumpStart.value();
            latestPumpStart.update(latest == null ? event.ts : Math.max(latest, event.ts));
        } else {
            return;
        }
        ctx.timerService().registerEventTimeTimer(settings.clockStopTs);
    }

    /** At the clock stop every event of the input is in, so the answers are final. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PendingTimeout> out)
            throws Exception {
        Long pumpStart = latestPumpStart.value();
        Long earliest = null;
        for (Long low : lateLows.get()) {
            boolean answered = pumpStart != null && pumpStart >= low;
            if (!answered && (earliest == null || low < earliest)) {
                earliest = low;
            }
        }
        if (earliest != null) {
            out.collect(
                    new PendingTimeout(
                            PumpFailedRule.ID,
                            ctx.getCurrentKey(),
                            earliest + PumpFailedRule.PUMP_WINDOW.toMillis()));
        }
        lateLows.clear();
        latestPumpStart.clear();
    }
}
