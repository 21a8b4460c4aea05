package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertReview;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;

import java.util.Map;
import java.util.TreeMap;

/**
 * The InfluxDB measurements of docs/contract.md §3.3 as line protocol, built with the client's
 * {@link Point} (which does the escaping). Integers are written as integers and measures as floats,
 * always, so a field never changes type; times are milliseconds.
 */
public final class Measurements {
    public static final String ALERT = "alert";
    public static final String ALERT_LIFECYCLE = "alert_lifecycle";
    public static final String RISK_POINT_1M = "risk_point_1m";
    public static final String DISTRICT_1M = "district_1m";
    public static final String PIPELINE_1M = "pipeline_1m";
    public static final String DEVICE_1M = "device_1m";

    /** District tag of alerts that belong to no risk point (incidents in a geohash cell). */
    public static final String UNKNOWN_DISTRICT = "unknown";

    private Measurements() {}

    /** One point per alert change, at the event time of the change. */
    public static String alert(Alert alert) {
        Point point = Point.measurement(ALERT);
        tag(point, "rule", alert.ruleId);
        tag(point, "scenario", alert.scenario == null ? null : alert.scenario.name());
        tag(point, "level", alert.level.name());
        tag(point, "status", alert.status.name());
        tag(point, "district", alert.district == null ? UNKNOWN_DISTRICT : alert.district);
        tag(point, "riskPoint", alert.riskPointId);
        tag(point, "device", alert.deviceId);
        point.addField("alertId", alert.alertId)
                .addField("version", (long) alert.version)
                .addField("escalation", (long) alert.escalation)
                .addField("message", oneLine(alert.message));
        if (alert.kind != null) {
            // alerts of a geohash cell have no site, hence no coordinates
            point.addField("lat", alert.lat).addField("lon", alert.lon);
        }
        return point.time(alert.changeTs, WritePrecision.MS).toLineProtocol();
    }

    /**
     * When an alert ends. The time keeps the second of the end and takes its milliseconds from the
     * alertId, so two alerts of the same rule, level and district ending in the same millisecond
     * (synchronized clear timers) stay two points, and a rewrite still hits the same point.
     */
    public static String alertLifecycle(AlertReview review) {
        Point point = Point.measurement(ALERT_LIFECYCLE);
        tag(point, "rule", review.ruleId);
        tag(point, "scenario", review.scenario == null ? null : review.scenario.name());
        tag(point, "level", review.level.name());
        tag(point, "district", review.district == null ? UNKNOWN_DISTRICT : review.district);
        if (review.ackSeconds != null) {
            point.addField("ackSeconds", review.ackSeconds);
        }
        if (review.dispatchSeconds != null) {
            point.addField("dispatchSeconds", review.dispatchSeconds);
        }
        if (review.resolveSeconds != null) {
            point.addField("resolveSeconds", review.resolveSeconds);
        }
        point.addField("escalations", (long) review.escalations);
        return point.time(lifecycleTime(review.endTs, review.alertId), WritePrecision.MS)
                .toLineProtocol();
    }

    static long lifecycleTime(long endTs, String alertId) {
        return endTs - Math.floorMod(endTs, 1000L) + Math.floorMod(alertId.hashCode(), 1000);
    }

    public static String riskPoint1m(
            long windowStart, String riskPointId, Snapshot site, Map<String, SensorStats> stats) {
        Point point = Point.measurement(RISK_POINT_1M);
        tag(point, "riskPoint", riskPointId);
        tag(point, "kind", site.kind);
        tag(point, "district", site.district == null ? UNKNOWN_DISTRICT : site.district);
        point.addField("level", (long) site.level).addField("openAlerts", (long) site.openAlerts);
        if (site.devicesTotal > 0) {
            point.addField("devicesTotal", (long) site.devicesTotal)
                    .addField(
                            "devicesOnline",
                            (long) Math.max(0, site.devicesTotal - site.devicesOffline));
        }
        if (site.hasLocation) {
            point.addField("lat", site.lat).addField("lon", site.lon);
        }
        for (Map.Entry<String, SensorStats> entry : new TreeMap<>(stats).entrySet()) {
            addStats(point, entry.getKey() + "_", entry.getKey(), entry.getValue());
        }
        return point.time(windowStart, WritePrecision.MS).toLineProtocol();
    }

    public static String district1m(
            long windowStart,
            String district,
            long readings,
            long faults,
            long devicesReporting,
            long alertsOpened,
            Snapshot open) {
        Point point = Point.measurement(DISTRICT_1M);
        tag(point, "district", district);
        point.addField("readings", readings)
                .addField("faults", faults)
                .addField("devicesReporting", devicesReporting)
                .addField("alertsOpened", alertsOpened)
                .addField("openBlue", (long) open.blue)
                .addField("openYellow", (long) open.yellow)
                .addField("openOrange", (long) open.orange)
                .addField("openRed", (long) open.red);
        return point.time(windowStart, WritePrecision.MS).toLineProtocol();
    }

    public static String pipeline1m(
            long windowStart, String stream, long accepted, long rejected, long late) {
        return Point.measurement(PIPELINE_1M)
                .addTag("stream", stream)
                .addField("accepted", accepted)
                .addField("rejected", rejected)
                .addField("late", late)
                .time(windowStart, WritePrecision.MS)
                .toLineProtocol();
    }

    public static String device1m(
            long windowStart, String deviceId, String type, String riskPointId, SensorStats stats) {
        Point point = Point.measurement(DEVICE_1M);
        tag(point, "device", deviceId);
        tag(point, "type", type);
        tag(point, "riskPoint", riskPointId);
        addStats(point, "", type, stats);
        return point.time(windowStart, WritePrecision.MS).toLineProtocol();
    }

    /** Heartbeats carry no meaningful value: only their count. */
    private static void addStats(Point point, String prefix, String type, SensorStats stats) {
        if (!"heartbeat".equals(type)) {
            point.addField(prefix + "min", stats.min)
                    .addField(prefix + "max", stats.max)
                    .addField(prefix + "mean", stats.mean())
                    .addField(prefix + "last", stats.last);
        }
        point.addField(prefix + "count", stats.count);
    }

    private static void tag(Point point, String key, String value) {
        if (value != null && !value.isEmpty()) {
            point.addTag(key, value);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
    }
}
