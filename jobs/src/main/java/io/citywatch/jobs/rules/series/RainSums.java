package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleWiring;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Trailing rain sums of each gauge at each of its readings, shared by geo.rainfall, flood.rainstorm
 * and geo.rain_then_movement. A rainfall reading is the rain since the gauge's previous reading, so
 * the window of {@code h} hours ending at {@code t} holds the readings with time in {@code (t − h,
 * t]}: a reading at exactly {@code t − h} measured rain that fell before the window.
 */
public class RainSums extends EventTimeOrdered<RainSum> {
    public static final int[] WINDOW_HOURS = {1, 3, 6, 12, 24};

    static final long LONGEST_WINDOW_MILLIS = 24 * 3600 * 1000L;

    private transient ValueState<List<Evidence>> window;

    public static DataStream<RainSum> of(RuleInputs inputs) {
        return inputs.shared("rain-sums", () -> wire(inputs.wiring("rain")));
    }

    private static DataStream<RainSum> wire(RuleWiring rain) {
        return rain.readings(RainSums::isInput, "sums.filter", "rainfall readings")
                .process(new RainSums(), "sums", "trailing sums");
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading() && event.reading.type == SensorType.RAINFALL;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        window =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "rain-window",
                                        Types.LIST(TypeInformation.of(Evidence.class))));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RainSum> out)
            throws Exception {
        List<Evidence> readings = window.value();
        if (readings == null) {
            readings = new ArrayList<>();
        }
        // the same instant twice is the same interval sent again: count it once
        if (!readings.isEmpty() && readings.get(readings.size() - 1).ts == event.ts) {
            readings.remove(readings.size() - 1);
        }
        readings.removeIf(r -> r.ts <= event.ts - LONGEST_WINDOW_MILLIS);
        Evidence reading = Evidence.of(event.reading);
        readings.add(reading);
        window.update(readings);
        out.collect(sums(event, reading, readings));
    }

    static RainSum sums(DeviceEvent event, Evidence latest, List<Evidence> readings) {
        RainSum sum = new RainSum();
        sum.deviceId = event.deviceId;
        sum.site = event.site;
        sum.ts = event.ts;
        sum.reading = latest;
        for (int hours : WINDOW_HOURS) {
            long from = event.ts - hours * 3_600_000L;
            double total = 0;
            for (Evidence r : readings) {
                if (r.ts > from) {
                    total += r.value;
                }
            }
            sum.set(hours, total);
        }
        return sum;
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return LONGEST_WINDOW_MILLIS;
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<RainSum> out) {
        window.clear();
    }
}
