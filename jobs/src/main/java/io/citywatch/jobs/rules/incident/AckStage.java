package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.Site;

/** How long one incident has gone unacknowledged: a level, or null once it no longer is. */
public class AckStage {
    public String incidentId;
    public String locationKey;
    public Site site;

    /** Yellow or orange; null when a later status arrived or the incident is no longer tracked. */
    public AlertLevel level;

    public long reportedTs;

    /** Event time of the timer or status record that caused this stage. */
    public long ts;

    public Evidence evidence;

    public AckStage() {}
}
