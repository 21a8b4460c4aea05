package io.citywatch.jobs.rules.incident;

import io.citywatch.common.model.Incident;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.IncidentSource;
import io.citywatch.common.model.IncidentStatus;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Site;

/** Builders of placed incident records for the incident rules' harness tests. */
final class Incidents {
    static final long MINUTE = 60_000;

    private Incidents() {}

    static IncidentEvent at(
            Site site,
            String incidentId,
            IncidentCategory category,
            IncidentStatus status,
            long ts) {
        return placed(site, site.riskPointId, incidentId, category, status, ts);
    }

    /** An incident outside every risk point, kept under its grid cell. */
    static IncidentEvent inCell(
            String cell,
            String incidentId,
            IncidentCategory category,
            IncidentStatus status,
            long ts) {
        return placed(null, "geo:" + cell, incidentId, category, status, ts);
    }

    private static IncidentEvent placed(
            Site site,
            String locationKey,
            String incidentId,
            IncidentCategory category,
            IncidentStatus status,
            long ts) {
        Incident incident = new Incident();
        incident.incidentId = incidentId;
        incident.source = IncidentSource.citizen_app;
        incident.category = category;
        incident.status = status;
        incident.riskPointId = site == null ? null : site.riskPointId;
        incident.ts = ts;
        IncidentEvent event = new IncidentEvent();
        event.incident = incident;
        event.site = site;
        event.locationKey = locationKey;
        event.ts = ts;
        return event;
    }
}
