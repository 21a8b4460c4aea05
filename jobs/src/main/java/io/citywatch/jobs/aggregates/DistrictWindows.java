package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code district_1m}: readings, sensor faults, devices reporting (summed from the risk points'
 * minutes, {@link DistrictShare}) and alerts opened in the minute; open alerts per level at its end
 * (the district's open alerts live in global state).
 */
public final class DistrictWindows {
    private DistrictWindows() {}

    /** The incremental part. */
    public static class Accumulator {
        public long readings;
        public long faults;
        public long devicesReporting;
        public long alertsOpened;
        public List<AlertChange> alerts = new ArrayList<>();

        public Accumulator() {}
    }

    /** Counts of one district's minute. */
    public static class Aggregate
            implements AggregateFunction<SiteInput, Accumulator, Accumulator> {
        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(SiteInput input, Accumulator acc) {
            if (input.share != null) {
                acc.readings += input.share.readings;
                acc.faults += input.share.faults;
                acc.devicesReporting += input.share.devices;
            } else {
                if (input.alert.version == 1) {
                    acc.alertsOpened++;
                }
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
            a.readings += b.readings;
            a.faults += b.faults;
            a.devicesReporting += b.devicesReporting;
            a.alertsOpened += b.alertsOpened;
            a.alerts.addAll(b.alerts);
            return a;
        }
    }

    /** Emits the minute's row. */
    public static class Rows
            extends ProcessWindowFunction<Accumulator, String, String, TimeWindow> {
        static final ValueStateDescriptor<OpenAlerts> OPEN =
                new ValueStateDescriptor<>("open-alerts", TypeInformation.of(OpenAlerts.class));
        static final ValueStateDescriptor<Snapshot> FIRED =
                new ValueStateDescriptor<>("fired", TypeInformation.of(Snapshot.class));

        @Override
        public void process(
                String district,
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
                state.update(open);
                snapshot = Snapshot.of(open);
                fired.update(snapshot);
            }
            out.collect(
                    Measurements.district1m(
                            ctx.window().getStart(),
                            district,
                            acc.readings,
                            acc.faults,
                            acc.devicesReporting,
                            acc.alertsOpened,
                            snapshot));
        }

        @Override
        public void clear(Context ctx) {
            ctx.windowState().getState(FIRED).clear();
        }
    }
}
