package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.IncidentStatus;

/** What the cluster rule remembers of one incident: when it came in, and its latest status. */
public class SeenIncident {
    public String incidentId;
    public long firstTs;
    public long lastTs;
    public IncidentStatus latestStatus;
    public Evidence evidence;

    public SeenIncident() {}

    boolean counts() {
        return latestStatus != IncidentStatus.false_alarm;
    }
}
