package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

/** A fire detector in alarm: the shared input of fire.detector_alarm and fire.confirmed. */
public class DetectorAlarm {
    public String deviceId;
    public String zone;
    public Site site;
    public Evidence evidence;

    /** Event time of the reading that is in alarm. */
    public long ts;

    /** Short English cause, e.g. "smoke 3.40 %/m". */
    public String cause;

    public DetectorAlarm() {}
}
