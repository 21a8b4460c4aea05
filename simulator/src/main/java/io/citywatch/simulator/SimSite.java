package io.citywatch.simulator;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One simulated risk point with its devices and registry thresholds. */
public final class SimSite {
    public final String riskPointId;
    public final RiskPointKind kind;
    public final String name;
    public final String district;
    public final String grid;
    public final double lat;
    public final double lon;
    public final int reportingPeriodSec;
    public final List<SimDevice> devices = new ArrayList<>();
    public final Map<String, Double> thresholds = new LinkedHashMap<>();

    SimSite(
            String riskPointId,
            RiskPointKind kind,
            String name,
            String district,
            String grid,
            double lat,
            double lon,
            int reportingPeriodSec) {
        this.riskPointId = riskPointId;
        this.kind = kind;
        this.name = name;
        this.district = district;
        this.grid = grid;
        this.lat = lat;
        this.lon = lon;
        this.reportingPeriodSec = reportingPeriodSec;
    }

    public long periodMs() {
        return reportingPeriodSec * 1000L;
    }

    /** The {@code index}-th device of a type (0-based), or an error naming the site. */
    public SimDevice device(SensorType type, int index) {
        int seen = 0;
        for (SimDevice device : devices) {
            if (device.type == type && seen++ == index) {
                return device;
            }
        }
        throw new IllegalStateException(riskPointId + " has no " + type.wireName() + " #" + index);
    }

    @Override
    public String toString() {
        return riskPointId;
    }
}
