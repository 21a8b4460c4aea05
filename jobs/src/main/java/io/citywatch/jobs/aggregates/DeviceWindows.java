package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** {@code device_1m} (opt-in, one series per device): statistics of one device's readings. */
public final class DeviceWindows {
    private DeviceWindows() {}

    /** The incremental part. */
    public static class Accumulator implements ReadingMinutes.Readings<Accumulator> {
        public String type;
        public String riskPointId;
        public SensorStats stats = new SensorStats();

        public Accumulator() {}

        @Override
        public void add(ReadingSample reading) {
            type = reading.type;
            riskPointId = reading.riskPointId;
            if (!reading.fault) {
                stats.add(reading.value, reading.ts);
            }
        }

        /** Adds {@code later}, which arrived after what this holds. */
        @Override
        public Accumulator merge(Accumulator later) {
            stats.merge(later.stats);
            if (later.type != null) {
                type = later.type;
                riskPointId = later.riskPointId;
            }
            return this;
        }
    }

    /**
     * Readings that are not sensor faults, as each subtask's minute of them ({@link
     * DeviceMinutes}). The accumulator is the window state a savepoint holds: it stays {@link
     * Accumulator}.
     */
    public static class Aggregate
            implements AggregateFunction<DeviceMinute, Accumulator, Accumulator> {
        @Override
        public Accumulator createAccumulator() {
            return new Accumulator();
        }

        @Override
        public Accumulator add(DeviceMinute partial, Accumulator acc) {
            return acc.merge(partial.readings);
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
