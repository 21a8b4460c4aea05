package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.SlottedUnit;
import io.citywatch.jobs.rules.host.UnitContext;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.Arrays;
import java.util.Locale;

/**
 * Detector alarms of high-rise fire devices, per device (GB 50116 style point detectors): smoke ≥
 * {@code smokeAlarm}, temperature ≥ {@code heatAlarm}, a rise of ≥ {@code rateOfRise} within {@code
 * rateOfRiseWindow} on one heat detector, or a pressed manual call point. Each alarm is a {@code
 * fire.detector_alarm} match and a {@link #TAG} signal for fire.confirmed.
 *
 * <p>Readings are taken as they arrive: an alarm must not wait for the watermark, and a
 * rate-of-rise pair is found in whichever order its two readings come. Only a heat detector keeps
 * anything, and only while a partner may still arrive.
 */
public class DetectorAlarmUnit extends SlottedUnit<DetectorState> {
    private static final long serialVersionUID = 1L;

    /** The host's side output of every alarm, read by fire.confirmed. */
    public static final OutputTag<DetectorAlarm> TAG =
            new OutputTag<>("fire.detector-alarms", TypeInformation.of(DetectorAlarm.class));

    private final RuleSettings settings;

    public DetectorAlarmUnit(RuleSettings settings) {
        super(DetectorAlarmRule.ID, DeviceRuleState.DETECTOR_ALARM, false);
        this.settings = settings;
    }

    @Override
    public boolean reads(DeviceEvent event) {
        if (!event.isValidReading() || event.site.kind != RiskPointKind.high_rise) {
            return false;
        }
        SensorType type = event.reading.type;
        return type == SensorType.SMOKE
                || type == SensorType.TEMPERATURE
                || type == SensorType.MANUAL_CALL;
    }

    @Override
    public DetectorState onEvent(DetectorState state, DeviceEvent event, UnitContext context) {
        Reading reading = event.reading;
        switch (reading.type) {
            case SMOKE -> {
                if (reading.value >= FireParams.SMOKE_ALARM.of(event.site)) {
                    raise(
                            event,
                            reading,
                            String.format(Locale.ROOT, "smoke %.2f %%/m", reading.value),
                            context);
                }
                return state;
            }
            case MANUAL_CALL -> {
                if (reading.value == 1) {
                    raise(event, reading, "manual call point pressed", context);
                }
                return state;
            }
            default -> {
                return onTemperature(state == null ? new DetectorState() : state, event, context);
            }
        }
    }

    private DetectorState onTemperature(
            DetectorState state, DeviceEvent event, UnitContext context) {
        Reading reading = event.reading;
        if (reading.value >= FireParams.HEAT_ALARM.of(event.site)) {
            raise(
                    event,
                    reading,
                    String.format(Locale.ROOT, "temperature %.1f °C", reading.value),
                    context);
        }
        double rise = FireParams.RATE_OF_RISE.of(event.site);
        long windowMillis = (long) (FireParams.RATE_OF_RISE_WINDOW.of(event.site) * 1000);
        int kept = state.ts == null ? 0 : state.ts.length;
        // Readings may come out of order: compare with partners on both sides in event time, and
        // attribute the alarm to the later reading of the pair. Oldest first, as RocksDB iterated
        // the MapState of the operator this unit replaces.
        for (int i = 0; i < kept; i++) {
            long gap = reading.ts - state.ts[i];
            if (gap > 0 && gap <= windowMillis && reading.value - state.values[i] >= rise) {
                raise(event, reading, rose(reading.value - state.values[i]), context);
                break;
            }
        }
        for (int i = 0; i < kept; i++) {
            long gap = state.ts[i] - reading.ts;
            if (gap > 0 && gap <= windowMillis && state.values[i] - reading.value >= rise) {
                Reading later =
                        new Reading(reading.deviceId, reading.type, state.values[i], state.ts[i]);
                raise(event, later, rose(state.values[i] - reading.value), context);
            }
        }
        keep(state, reading.ts, reading.value);
        state.riseWindowMillis = windowMillis;
        return state;
    }

    /** Keeps one temperature per event time, the latest to arrive, in event-time order. */
    private static void keep(DetectorState state, long ts, double value) {
        int kept = state.ts == null ? 0 : state.ts.length;
        int at = 0;
        while (at < kept && state.ts[at] < ts) {
            at++;
        }
        if (at < kept && state.ts[at] == ts) {
            state.values[at] = value;
            return;
        }
        long[] times = new long[kept + 1];
        double[] values = new double[kept + 1];
        for (int i = 0; i < kept; i++) {
            int to = i < at ? i : i + 1;
            times[to] = state.ts[i];
            values[to] = state.values[i];
        }
        times[at] = ts;
        values[at] = value;
        state.ts = times;
        state.values = values;
    }

    /** The oldest temperature leaves a window after its time. */
    @Override
    public long due(DetectorState state) {
        return state.ts[0] + state.riseWindowMillis;
    }

    @Override
    public DetectorState onDue(DetectorState state, long due, UnitContext context) {
        // Any reading still to come is newer than the watermark, so partners more than one
        // window behind it can never be needed again.
        long horizon = context.watermark();
        int from = 0;
        while (from < state.ts.length && state.ts[from] + state.riseWindowMillis <= horizon) {
            from++;
        }
        if (from == state.ts.length) {
            return null;
        }
        state.ts = Arrays.copyOfRange(state.ts, from, state.ts.length);
        state.values = Arrays.copyOfRange(state.values, from, state.values.length);
        return state;
    }

    private static String rose(double rise) {
        return String.format(Locale.ROOT, "temperature rose %.1f °C", rise);
    }

    /** One alarm: fire.detector_alarm's match, and the signal fire.confirmed pairs. */
    private void raise(DeviceEvent event, Reading reading, String cause, UnitContext context) {
        DetectorAlarm alarm = new DetectorAlarm();
        alarm.deviceId = event.deviceId;
        alarm.zone = event.zone;
        alarm.site = event.site;
        alarm.evidence = Evidence.of(reading);
        alarm.ts = reading.ts;
        alarm.cause = cause;
        context.emit(DetectorAlarmRule.toMatch(alarm, settings));
        context.signal(TAG, alarm);
    }
}
