package io.citywatch.jobs.events;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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

    /**
     * Same description: the device rule host keeps one per risk point and replaces it on change.
     */
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof Site site
                        && Objects.equals(riskPointId, site.riskPointId)
                        && kind == site.kind
                        && Objects.equals(name, site.name)
                        && Objects.equals(district, site.district)
                        && Objects.equals(grid, site.grid)
                        && Double.compare(lat, site.lat) == 0
                        && Double.compare(lon, site.lon) == 0
                        && reportingPeriodSec == site.reportingPeriodSec
                        && deviceCount == site.deviceCount
                        && Objects.equals(thresholds, site.thresholds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(riskPointId, name);
    }
}
