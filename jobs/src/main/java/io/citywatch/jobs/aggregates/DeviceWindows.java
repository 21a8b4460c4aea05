package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** {@code device_1m} (opt-in, one series per device): statistics of one device's readings. */
public final class DeviceWindows {
    private DeviceWindows() {}

    /** The incremental part. */
    public static class Accumulator {
        public String type;
        public String riskPointId;
        public SensorStats stats = new SensorStats();

        public Accumulator() {}
    }

    /** Readings that are not sensor faults. */
    public static class Aggregate
            implements AggregateFunction<ReadingSample, Accumulator, Accumulator> {
        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(ReadingSample reading, Accumulator acc) {
            acc.type = reading.type;
            acc.riskPointId = reading.riskPointId;
            if (!reading.fault) {
                acc.stats.add(reading.value, reading.ts);
            }
            return acc;
        }

        @Override
        public Accumulator getResult(Accumulator acc) {
            return acc;
        }

        @Override
        public Accumulator merge(Accumulator a, Accumulator b) {
            a.stats.merge(b.stats);
            if (b.type != null) {
                a.type = b.type;
                a.riskPointId = b.riskPointId;
            }
            return a;
        }
    }

    /** Emits the minute's row unless the device only sent sensor faults. */
    public static class Rows
            extends ProcessWindowFunction<Accumulator, String, String, TimeWindow> {
        @Override
        public void process(
                String deviceId, Context ctx, Iterable<Accumulator> accs, Collector<String> out) {
            Accumulator acc = accs.iterator().next();
            if (acc.stats.count > 0) {
                out.collect(
                        Measurements.device1m(
                                ctx.window().getStart(),
                                deviceId,
                                acc.type,
                                acc.riskPointId,
                                acc.stats));
            }
        }
    }
}
