package io.citywatch.jobs.events;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;

import java.util.HashMap;
import java.util.Map;

/**
 * What rules and alerts need to know about a risk point, without its device list: small enough to
 * travel with every event.
 */
public class Site {
    public String riskPointId;
    public RiskPointKind kind;
    public String name;
    public String district;
    public String grid;
    public double lat;
    public double lon;
    public int reportingPeriodSec;
    public int deviceCount;
    public Map<String, Double> thresholds = new HashMap<>();

    public Site() {}

    public static Site of(RiskPoint point) {
        Site site = new Site();
        site.riskPointId = point.riskPointId;
        site.kind = point.kind;
        site.name = point.name;
        site.district = point.district;
        site.grid = point.grid;
        site.lat = point.lat;
        site.lon = point.lon;
        site.reportingPeriodSec = point.reportingPeriodSec;
        site.deviceCount = point.devices.size();
        site.thresholds =
                point.thresholds == null ? new HashMap<>() : new HashMap<>(point.thresholds);
        return site;
    }
}
