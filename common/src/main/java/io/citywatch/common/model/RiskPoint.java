package io.citywatch.common.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A risk point and its devices (docs/contract.md §2.3). A registry record replaces the whole risk
 * point.
 */
public class RiskPoint implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_REPORTING_PERIOD_SEC = 60;

    public String riskPointId;
    public RiskPointKind kind;
    public String name;
    public String district;
    public String grid;
    public double lat;
    public double lon;
    public int reportingPeriodSec = DEFAULT_REPORTING_PERIOD_SEC;
    public List<DeviceSpec> devices = new ArrayList<>();
    public Map<String, Double> thresholds = new HashMap<>();

    public RiskPoint() {}

    public DeviceSpec device(String deviceId) {
        for (DeviceSpec device : devices) {
            if (device.deviceId.equals(deviceId)) {
                return device;
            }
        }
        return null;
    }

    /** A per-risk-point override of a rule parameter, else the rule's default. */
    public double threshold(String key, double defaultValue) {
        Double value = thresholds == null ? null : thresholds.get(key);
        return value == null ? defaultValue : value;
    }

    /** A threshold that has no default (flood stages, bridge limits): null when not configured. */
    public Double thresholdOrNull(String key) {
        return thresholds == null ? null : thresholds.get(key);
    }
}
