package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code risk_point_1m}: readings aggregate incrementally per sensor type; alert changes of the
 * minute update the risk point's open alerts, which live across windows in the key's global state,
 * giving the highest open level, open alerts and devices online at the end of the minute.
 */
public final class RiskPointWindows {
    private RiskPointWindows() {}

    /** The incremental part: sensor statistics and the minute's alert changes. */
    public static class Accumulator {
        public ReadingSample site;
        public Map<String, SensorStats> stats = new HashMap<>();
        public List<AlertChange> alerts = new ArrayList<>();

        public Accumulator() {}
    }

    /** Readings (not sensor faults) per type, and alert changes, of one risk point's minute. */
    public static class Aggregate
            implements AggregateFunction<SiteInput, Accumulator, Accumulator> {
        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(SiteInput input, Accumulator acc) {
            if (input.reading != null) {
                ReadingSample reading = input.reading;
                if (acc.site == null || reading.ts >= acc.site.ts) {
                    acc.site = reading;
                }
                if (!reading.fault) {
                    acc.stats
                            .computeIfAbsent(reading.type, type -> new SensorStats())
                            .add(reading.value, reading.ts);
                }
            } else {
                acc.alerts.add(input.alert);
            }
            return acc;
        }

        @Override
        public Accumulator getResult(Accumulator acc) {
            return acc;
        }

        @Override
        public Accumulator merge(Accumulator a, Accumulator b) {
            if (a.site == null || (b.site != null && b.site.ts >= a.site.ts)) {
                a.site = b.site;
            }
            b.stats.forEach((type, stats) -> a.stats.merge(type, stats, SensorStats::merge));
            a.alerts.addAll(b.alerts);
            return a;
        }
    }

    /**
     * Emits the minute's row; the alert side is computed once per window (see {@link Snapshot}).
     */
    public static class Rows
            extends ProcessWindowFunction<Accumulator, String, String, TimeWindow> {
        static final ValueStateDescriptor<OpenAlerts> OPEN =
                new ValueStateDescriptor<>("open-alerts", TypeInformation.of(OpenAlerts.class));
        static final ValueStateDescriptor<Snapshot> FIRED =
                new ValueStateDescriptor<>("fired", TypeInformation.of(Snapshot.class));

        @Override
        public void process(
                String riskPointId,
                Context ctx,
                Iterable<Accumulator> accumulators,
                Collector<String> out)
                throws Exception {
            Accumulator acc = accumulators.iterator().next();
            ValueState<Snapshot> fired = ctx.windowState().getState(FIRED);
            Snapshot snapshot = fired.value();
            if (snapshot == null) {
                ValueState<OpenAlerts> state = ctx.globalState().getState(OPEN);
                OpenAlerts open = state.value() == null ? new OpenAlerts() : state.value();
                open.apply(acc.alerts);
                if (acc.site != null) {
                    open.site = acc.site;
                    open.devicesTotal = acc.site.devicesTotal;
                }
                state.update(open);
                snapshot = Snapshot.of(open);
                fired.update(snapshot);
            }
            out.collect(
                    Measurements.riskPoint1m(
                            ctx.window().getStart(), riskPointId, snapshot, acc.stats));
        }

        @Override
        public void clear(Context ctx) {
            ctx.windowState().getState(FIRED).clear();
        }
    }
}
