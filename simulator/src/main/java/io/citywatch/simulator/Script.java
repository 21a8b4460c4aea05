package io.citywatch.simulator;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** What the injected scenarios do: device segments, incident reports, expected alerts. */
final class Script {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An incident record at its event time. */
    record IncidentRecord(long ts, String incidentId, String json) {}

    final List<Segment> segments = new ArrayList<>();
    final List<IncidentRecord> incidents = new ArrayList<>();
    final List<ExpectedAlert> expected = new ArrayList<>();
    private final long endTs;

    Script(long endTs) {
        this.endTs = endTs;
    }

    /** Readings from {@code fromTs} take {@code values} in turn, then the device is quiet again. */
    void sequence(SimDevice device, long fromTs, double... values) {
        segments.add(
                new Segment(
                        device,
                        fromTs,
                        fromTs + values.length * device.periodMs(),
                        (n, ts, quiet) -> n < values.length ? values[n] : quiet));
    }

    /** Readings from {@code fromTs} to the end of the simulation follow {@code value}. */
    void fromThenOn(SimDevice device, long fromTs, Segment.Value value) {
        segments.add(new Segment(device, fromTs, endTs, value));
    }

    void during(SimDevice device, long fromTs, long toTs, Segment.Value value) {
        segments.add(new Segment(device, fromTs, toTs, value));
    }

    /** The device stops reporting at {@code fromTs} and never comes back. */
    void silent(SimDevice device, long fromTs) {
        segments.add(new Segment(device, fromTs, endTs, (n, ts, quiet) -> null));
    }

    void expect(
            String scenario,
            String family,
            String ruleId,
            SimSite site,
            SimDevice device,
            AlertLevel level,
            long fromTs) {
        expected.add(
                new ExpectedAlert(
                        scenario,
                        family,
                        ruleId,
                        site.riskPointId,
                        device == null ? null : device.deviceId,
                        level,
                        fromTs));
    }

    /** One incident report, placed by risk point or (when {@code site} is null) coordinates. */
    void incident(
            long ts,
            String incidentId,
            String source,
            String category,
            String status,
            SimSite site,
            Double lat,
            Double lon) {
        ObjectNode json = JSON.createObjectNode();
        json.put("incidentId", incidentId);
        json.put("source", source);
        json.put("category", category);
        json.put("status", status);
        if (site != null) {
            json.put("riskPointId", site.riskPointId);
        } else {
            json.put("lat", lat);
            json.put("lon", lon);
        }
        json.put("ts", EventTimes.format(ts));
        incidents.add(new IncidentRecord(ts, incidentId, json.toString()));
    }
}
