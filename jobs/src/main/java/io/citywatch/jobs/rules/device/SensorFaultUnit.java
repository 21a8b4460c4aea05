package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.UnitContext;

import java.util.ArrayList;
import java.util.List;

/**
 * device.sensor_fault: counts one device's consecutive readings outside its type's physical span.
 * The alert opens at {@code faultReadings} in a row and clears with the next reading inside the
 * span.
 */
public class SensorFaultUnit extends DeviceHealthUnit<SensorFaultState> {
    public SensorFaultUnit(RuleSettings settings) {
        super(
                settings,
                SensorFaultRule.ID,
                // the one rule that reads the readings flagged as faults
                DeviceEvent::isReading,
                DeviceRuleState.SENSOR_FAULT,
                SensorFaultState::new);
    }

    @Override
    protected void step(SensorFaultState state, DeviceEvent event, UnitContext context) {
        if (!event.reading.fault) {
            forget(state, event.deviceId, event.ts, context);
            return;
        }
        int needed = (int) Math.max(1, DeviceParams.FAULT_READINGS.of(event.site));
        int count = state.consecutive == null ? 1 : state.consecutive + 1;
        state.consecutive = count;
        List<Evidence> evidence = state.run == null ? new ArrayList<>() : state.run;
        // the first fault of the run dates the alert; the latest ones show what the sensor says
        if (evidence.size() >= Math.max(needed, 3)) {
            evidence.remove(1);
        }
        evidence.add(Evidence.of(event.reading));
        state.run = evidence;
        if (count >= needed && !alertOpen(state)) {
            state.alertSite = event.site;
            context.emit(faultMatch(event, count, evidence));
        }
    }

    /** A sensor inside its span holds no run and no alert: nothing to forget. */
    @Override
    protected boolean holdsState(SensorFaultState state) {
        return state.consecutive != null || alertOpen(state);
    }

    @Override
    protected boolean alertOpen(SensorFaultState state) {
        return state.alertSite != null;
    }

    @Override
    protected boolean empty(SensorFaultState state) {
        return state.consecutive == null && state.run == null && state.alertSite == null;
    }

    @Override
    protected void forget(SensorFaultState state, String deviceId, long ts, UnitContext context) {
        if (alertOpen(state)) {
            context.emit(clearOf(deviceId, state.alertSite, ts));
        }
        state.consecutive = null;
        state.run = null;
        state.alertSite = null;
    }

    private RuleMatch faultMatch(DeviceEvent event, int count, List<Evidence> evidence) {
        RuleMatch match = deviceMatch(event.deviceId, event.site, evidence.get(0).ts, event.ts);
        match.level = AlertLevel.blue;
        match.evidence.addAll(evidence);
        match.message =
                settings.text(
                        "Sensor fault: %d readings in a row of %s %s at %s are outside its"
                                + " physical span (latest %s)",
                        "传感器故障：%4$s 的%2$s设备 %3$s 连续 %1$d 次读数超出量程（最新 %5$s）",
                        count,
                        event.reading.type.wireName(),
                        event.deviceId,
                        event.site.name,
                        event.reading.value);
        return match;
    }
}
