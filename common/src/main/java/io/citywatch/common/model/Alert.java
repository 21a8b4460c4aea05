package io.citywatch.common.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of the alert changelog (docs/contract.md §3.1): the state of an alert after one
 * change.
 */
public class Alert {
    public String alertId;
    public int version;
    public String ruleId;
    public Scenario scenario;
    public AlertLevel level;
    public AlertStatus status;
    public String riskPointId;

    /**
     * The risk point's display name from the registry; null for a geohash cell. Not part of the
     * alert's JSON (docs/contract.md §3.1): the CAP feed names the area with it (§3.1b).
     */
    public String riskPointName;

    public RiskPointKind kind;
    public String district;
    public String grid;
    public double lat;
    public double lon;
    public long startTs;
    public long detectTs;

    /** Event time of the change this record reports: detectTs for rule matches. */
    public long changeTs;

    /** Set for per-device rules; part of the episode key. */
    public String deviceId;

    public List<String> deviceIds = new ArrayList<>();
    public List<String> incidentIds = new ArrayList<>();
    public List<Evidence> evidence = new ArrayList<>();
    public int escalation;

    /** Cleared and reopened too often: kept open instead of churning. */
    public boolean flapping;

    public String message;

    public Alert() {}

    public Alert copy() {
        Alert copy = new Alert();
        copy.alertId = alertId;
        copy.version = version;
        copy.ruleId = ruleId;
        copy.scenario = scenario;
        copy.level = level;
        copy.status = status;
        copy.riskPointId = riskPointId;
        copy.riskPointName = riskPointName;
        copy.kind = kind;
        copy.district = district;
        copy.grid = grid;
        copy.lat = lat;
        copy.lon = lon;
        copy.startTs = startTs;
        copy.detectTs = detectTs;
        copy.changeTs = changeTs;
        copy.deviceId = deviceId;
        copy.deviceIds = new ArrayList<>(deviceIds);
        copy.incidentIds = new ArrayList<>(incidentIds);
        copy.evidence = new ArrayList<>(evidence);
        copy.escalation = escalation;
        copy.flapping = flapping;
        copy.message = message;
        return copy;
    }

    @Override
    public String toString() {
        return "Alert{"
                + ruleId
                + " "
                + level
                + " "
                + status
                + " v"
                + version
                + " rp="
                + riskPointId
                + (deviceId == null ? "" : " dev=" + deviceId)
                + " @"
                + changeTs
                + "}";
    }
}
