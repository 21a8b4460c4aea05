package io.citywatch.jobs.events;

import io.citywatch.common.model.Incident;

/** An incident placed at a risk point, or in a geohash-6 cell when none is within range. */
public class IncidentEvent implements Traced {
    public Incident incident;

    /** Null when the incident lies in a grid cell rather than at a risk point. */
    public Site site;

    /** The risk point id, or {@code geo:<geohash6>}. */
    public String locationKey;

    public long ts;
    public String raw;
    public long position;

    public IncidentEvent() {}

    @Override
    public String raw() {
        return raw;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean hasEventTime() {
        return true;
    }

    @Override
    public long eventTime() {
        return ts;
    }

    @Override
    public void dropRaw() {
        raw = null;
    }
}
