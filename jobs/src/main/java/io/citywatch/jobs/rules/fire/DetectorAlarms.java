package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleWiring;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detector alarms of high-rise fire devices, per device (GB 50116 style point detectors): smoke ≥
 * {@code smokeAlarm}, temperature ≥ {@code heatAlarm}, a rise of ≥ {@code rateOfRise} within {@code
 * rateOfRiseWindow} on one heat detector, or a pressed manual call point.
 */
public class DetectorAlarms extends KeyedProcessFunction<String, DeviceEvent, DetectorAlarm> {
    /** Temperature by event time, kept only as long as a rate-of-rise partner may still arrive. */
    private transient MapState<Long, Double> recentTemperatures;

    private transient ValueState<Long> riseWindowMillis;

    /** The shared alarm stream, built once for both fire rules. */
    public static DataStream<DetectorAlarm> of(RuleInputs inputs) {
        return inputs.shared("fire.detector-alarms", () -> wire(inputs.wiring("fire")));
    }

    private static DataStream<DetectorAlarm> wire(RuleWiring fire) {
        return fire.readings(
                        DetectorAlarms::isFireDetectorReading,
                        "detectors.filter",
                        "detector readings")
                .process(new DetectorAlarms(), "detectors.alarms", "detector alarms");
    }

    static boolean isFireDetectorReading(DeviceEvent event) {
        if (!event.isValidReading() || event.site.kind != RiskPointKind.high_rise) {
            return false;
        }
        SensorType type = event.reading.type;
        return type == SensorType.SMOKE
                || type == SensorType.TEMPERATURE
                || type == SensorType.MANUAL_CALL;
    }

    @Override
    public void open(OpenContext openContext) {
        recentTemperatures =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "recent-temperatures", Types.LONG, Types.DOUBLE));
        riseWindowMillis =
                getRuntimeContext().getState(new ValueStateDescriptor<>("rise-window", Types.LONG));
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<DetectorAlarm> out)
            throws Exception {
        Reading reading = event.reading;
        switch (reading.type) {
            case SMOKE -> {
                double limit = FireParams.SMOKE_ALARM.of(event.site);
                if (reading.value >= limit) {
                    out.collect(
                            alarm(
                                    event,
                                    reading,
                                    String.format(Locale.ROOT, "smoke %.2f %%/m", reading.value)));
                }
            }
            case MANUAL_CALL -> {
                if (reading.value == 1) {
                    out.collect(alarm(event, reading, "manual call point pressed"));
                }
            }
            case TEMPERATURE -> onTemperature(event, ctx, out);
            default -> {}
        }
    }

    private void onTemperature(DeviceEvent event, Context ctx, Collector<DetectorAlarm> out)
            throws Exception {
        Reading reading = event.reading;
        if (reading.value >= FireParams.HEAT_ALARM.of(event.site)) {
            out.collect(
                    alarm(
                            event,
                            reading,
                            String.format(Locale.ROOT, "temperature %.1f °C", reading.value)));
        }
        double rise = FireParams.RATE_OF_RISE.of(event.site);
        long windowMillis = (long) (FireParams.RATE_OF_RISE_WINDOW.of(event.site) * 1000);
        // Readings may come out of order: compare with partners on both sides in event time, and
        // attribute the alarm to the later reading of the pair.
        for (Map.Entry<Long, Double> earlier : recentTemperatures.entries()) {
            long gap = reading.ts - earlier.getKey();
            if (gap > 0 && gap <= windowMillis && reading.value - earlier.getValue() >= rise) {
                out.collect(rateOfRise(event, reading, reading.value - earlier.getValue()));
                break;
            }
        }
        for (Map.Entry<Long, Double> later : recentTemperatures.entries()) {
            long gap = later.getKey() - reading.ts;
            if (gap > 0 && gap <= windowMillis && later.getValue() - reading.value >= rise) {
                Reading laterReading =
                        new Reading(
                                reading.deviceId, reading.type, later.getValue(), later.getKey());
                out.collect(rateOfRise(event, laterReading, later.getValue() - reading.value));
            }
        }
        recentTemperatures.put(reading.ts, reading.value);
        riseWindowMillis.update(windowMillis);
        ctx.timerService().registerEventTimeTimer(reading.ts + windowMillis);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DetectorAlarm> out)
            throws Exception {
        // Any reading still to come is newer than the watermark, so partners more than one
        // window behind it can never be needed again.
        long horizon = ctx.timerService().currentWatermark();
        Long window = riseWindowMillis.value();
        List<Long> expired = new ArrayList<>();
        for (Long ts : recentTemperatures.keys()) {
            if (window == null || ts + window <= horizon) {
                expired.add(ts);
            }
        }
        for (Long ts : expired) {
            recentTemperatures.remove(ts);
        }
        if (recentTemperatures.isEmpty()) {
            riseWindowMillis.clear();
        }
    }

    private static DetectorAlarm rateOfRise(DeviceEvent event, Reading later, double rise) {
        return alarm(event, later, String.format(Locale.ROOT, "temperature rose %.1f °C", rise));
    }

    private static DetectorAlarm alarm(DeviceEvent event, Reading reading, String cause) {
        DetectorAlarm alarm = new DetectorAlarm();
        alarm.deviceId = event.deviceId;
        alarm.zone = event.zone;
        alarm.site = event.site;
        alarm.evidence = Evidence.of(reading);
        alarm.ts = reading.ts;
        alarm.cause = cause;
        return alarm;
    }
}
