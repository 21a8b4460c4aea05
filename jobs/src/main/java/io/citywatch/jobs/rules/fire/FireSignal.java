package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

/** One input of fire.confirmed: a detector alarm, or a fire/smoke incident at the risk point. */
public class FireSignal {
    /** Null for an incident. */
    public String deviceId;

    /** Null for a detector alarm. */
    public String incidentId;

    public String zone;
    public Site site;
    public Evidence evidence;
    public long ts;

    public FireSignal() {}

    public boolean isAlarm() {
        return deviceId != null;
    }

    /** A window-end tick: neither an alarm nor an incident. */
    public boolean isTick() {
        return deviceId == null && incidentId == null;
    }

    /** The signal a window-end tick carries: no alarm, no incident. */
    static FireSignal tick(String riskPointId, long ts) {
        FireSignal tick = new FireSignal();
        tick.site = new Site();
        tick.site.riskPointId = riskPointId;
        tick.ts = ts;
        return tick;
    }

    static FireSignal of(DetectorAlarm alarm) {
        FireSignal signal = new FireSignal();
        signal.deviceId = alarm.deviceId;
        signal.zone = alarm.zone;
        signal.site = alarm.site;
        signal.evidence = alarm.evidence;
        signal.ts = alarm.ts;
        return signal;
    }
}
