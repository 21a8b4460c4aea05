package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.AlertLevel;

/**
 * The alert side of a window row as computed when the window first fired: a re-fire for a late
 * reading (allowed lateness) reuses it, so the row is the same whenever it is written.
 */
public class Snapshot {
    public String kind;
    public String district;
    public boolean hasLocation;
    public double lat;
    public double lon;
    public int level;
    public int openAlerts;
    public int devicesTotal;
    public int devicesOffline;
    public int blue;
    public int yellow;
    public int orange;
    public int red;

    public Snapshot() {}

    static Snapshot of(OpenAlerts open) {
        Snapshot snapshot = new Snapshot();
        snapshot.level = open.highestLevel();
        snapshot.openAlerts = open.open.size();
        snapshot.devicesTotal = open.devicesTotal;
        snapshot.devicesOffline = open.devicesOffline();
        snapshot.blue = open.count(AlertLevel.blue);
        snapshot.yellow = open.count(AlertLevel.yellow);
        snapshot.orange = open.count(AlertLevel.orange);
        snapshot.red = open.count(AlertLevel.red);
        if (open.site != null) {
            snapshot.kind = open.site.kind;
            snapshot.district = open.site.district;
            snapshot.hasLocation = open.site.riskPointId != null;
            snapshot.lat = open.site.lat;
            snapshot.lon = open.site.lon;
        } else {
            snapshot.district = open.district;
        }
        return snapshot;
    }
}
