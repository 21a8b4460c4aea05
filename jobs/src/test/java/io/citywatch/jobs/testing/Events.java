package io.citywatch.jobs.testing;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;

import java.util.Map;

/** Builders of enriched events for operator test harnesses. */
public final class Events {
    private Events() {}

    public static Site site(
            String riskPointId,
            RiskPointKind kind,
            int deviceCount,
            Map<String, Double> thresholds) {
        Site site = new Site();
        site.riskPointId = riskPointId;
        site.kind = kind;
        site.name = riskPointId.toUpperCase();
        site.district = "Yuzhong";
        site.grid = "g1";
        site.lat = 29.56;
        site.lon = 106.55;
        site.reportingPeriodSec = 60;
        site.deviceCount = deviceCount;
        site.thresholds = new java.util.HashMap<>(thresholds);
        return site;
    }

    public static DeviceEvent reading(
            Site site, String deviceId, SensorType type, double value, long ts) {
        return reading(site, deviceId, null, type, value, ts);
    }

    public static DeviceEvent reading(
            Site site, String deviceId, String zone, SensorType type, double value, long ts) {
        DeviceEvent event = new DeviceEvent();
        event.kind = DeviceEventKind.READING;
        event.deviceId = deviceId;
        event.type = type;
        event.zone = zone;
        event.site = site;
        event.reading = new Reading(deviceId, type, value, ts);
        event.ts = ts;
        return event;
    }

    public static DeviceEvent registered(Site site, String deviceId, SensorType type) {
        DeviceEvent event = new DeviceEvent();
        event.kind = DeviceEventKind.REGISTERED;
        event.deviceId = deviceId;
        event.type = type;
        event.site = site;
        return event;
    }
}
