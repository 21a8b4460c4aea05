package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

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
    public static class Accumulator implements ReadingMinutes.Readings<Accumulator> {
        public ReadingSample site;
        public Map<String, SensorStats> stats = new HashMap<>();
        public List<AlertChange> alerts = new ArrayList<>();
        public long readings;
        public long faults;
        // a Map, not a Set: Flink has a serializer of its own for a POJO's Map fields, not Sets
        public Map<String, Boolean> devices = new HashMap<>();

        public Accumulator() {}

        @Override
        public void add(ReadingSample reading) {
            if (site == null || reading.ts >= site.ts) {
                site = reading;
            }
            readings++;
            devices.put(reading.deviceId, Boolean.TRUE);
            if (reading.fault) {
                faults++;
            } else {
                stats.computeIfAbsent(reading.type, type -> new SensorStats())
                        .add(reading.value, reading.ts);
            }
        }

        /** Adds {@code later}, which arrived after what this holds (it wins ties). */
        @Override
        public Accumulator merge(Accumulator later) {
            if (site == null || (later.site != null && later.site.ts >= site.ts)) {
                site = later.site;
            }
            later.stats.forEach((type, more) -> stats.merge(type, more, SensorStats::merge));
            alerts.addAll(later.alerts);
            readings += later.readings;
            faults += later.faults;
            devices.putAll(later.devices);
            return this;
        }
    }

    /**
     * Readings (not sensor faults) per type, and alert changes, of one risk point's minute. The
     * readings come as each subtask's minute of them ({@link RiskPointMinutes}); a single reading
     * only when it came behind its subtask's watermark.
     */
    public static class Aggregate
            implements AggregateFunction<SiteInput, Accumulator, Accumulator> {
        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(SiteInput input, Accumulator acc) {
            if (input.reading != null) {
                acc.add(input.reading);
            } else if (input.minute != null) {
                acc.merge(input.minute.readings);
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
            return a.merge(b);
        }
    }

    /**
     * Emits the minute's row; the alert side is computed once per window (see {@link Snapshot}).
     * The minute's {@link DistrictShare} goes to {@link #DISTRICT_SHARES}; a re-fire for a late
     * reading sends only what it adds.
     */
    public static class Rows
            extends ProcessWindowFunction<Accumulator, String, String, TimeWindow> {
        public static final OutputTag<DistrictShare> DISTRICT_SHARES =
                new OutputTag<>("district-shares", TypeInformation.of(DistrictShare.class));

        static final ValueStateDescriptor<OpenAlerts> OPEN =
                new ValueStateDescriptor<>("open-alerts", TypeInformation.of(OpenAlerts.class));
        static final ValueStateDescriptor<Snapshot> FIRED =
                new ValueStateDescriptor<>("fired", TypeInformation.of(Snapshot.class));
        static final ValueStateDescriptor<DistrictShare> SHARED =
                new ValueStateDescriptor<>("shared", TypeInformation.of(DistrictShare.class));

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
            shareWithDistrict(ctx, acc);
        }

        private static void shareWithDistrict(Context ctx, Accumulator acc) throws Exception {
            if (acc.site == null) {
                return; // a minute of alert changes only: nothing for the district's counts
            }
            ValueState<DistrictShare> shared = ctx.windowState().getState(SHARED);
            DistrictShare share =
                    new DistrictShare(
                            acc.site.district, acc.readings, acc.faults, acc.devices.size());
            DistrictShare added = share.minus(shared.value());
            if (!added.isEmpty()) {
                ctx.output(DISTRICT_SHARES, added);
                shared.update(share);
            }
        }

        @Override
        public void clear(Context ctx) {
            ctx.windowState().getState(FIRED).clear();
            ctx.windowState().getState(SHARED).clear();
        }
    }
}
