package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.AlertLevel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts open at a risk point or in a district, carried from window to window in the window
 * function's per-key global state. Applying a change twice, or an older version after a newer one,
 * changes nothing.
 */
public class OpenAlerts {
    public Map<String, AlertChange> open = new HashMap<>();
    public Map<String, Integer> versions = new HashMap<>();
    public int devicesTotal;

    /** The latest reading's view of the risk point (tags, location); null before any reading. */
    public ReadingSample site;

    /** The district of the alerts, for a risk point that has not reported yet. */
    public String district;

    public OpenAlerts() {}

    /** Applies the window's changes in event-time order. */
    public void apply(List<AlertChange> changes) {
        List<AlertChange> ordered = new ArrayList<>(changes);
        ordered.sort(
                Comparator.<AlertChange>comparingLong(c -> c.changeTs)
                        .thenComparingInt(c -> c.version));
        for (AlertChange change : ordered) {
            if (change.district != null) {
                district = change.district;
            }
            Integer seen = versions.get(change.alertId);
            if (seen != null && seen >= change.version) {
                continue;
            }
            if (change.ends()) {
                open.remove(change.alertId);
                // an ended alert never comes back: forget it so that state stays bounded
                versions.remove(change.alertId);
            } else {
                open.put(change.alertId, change);
                versions.put(change.alertId, change.version);
            }
        }
    }

    /** 0 none, 1 blue … 4 red. */
    public int highestLevel() {
        int level = 0;
        for (AlertChange alert : open.values()) {
            level = Math.max(level, alert.level.rank());
        }
        return level;
    }

    public int count(AlertLevel level) {
        int count = 0;
        for (AlertChange alert : open.values()) {
            if (alert.level == level) {
                count++;
            }
        }
        return count;
    }

    /** Devices with an open device.offline alert. */
    public int devicesOffline() {
        Set<String> devices = new HashSet<>();
        for (AlertChange alert : open.values()) {
            if ("device.offline".equals(alert.ruleId) && alert.deviceId != null) {
                devices.add(alert.deviceId);
            }
        }
        return devices.size();
    }
}
