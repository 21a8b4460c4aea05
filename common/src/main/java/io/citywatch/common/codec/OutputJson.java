package io.citywatch.common.codec;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The wire form of the outputs (docs/contract.md §3.1, §3.2), with a fixed field order. */
public final class OutputJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OutputJson() {}

    public static String alert(Alert alert) {
        return write(
                json -> {
                    json.writeStringField("alertId", alert.alertId);
                    json.writeNumberField("version", alert.version);
                    json.writeStringField("ruleId", alert.ruleId);
                    json.writeStringField("scenario", alert.scenario.name());
                    json.writeStringField("level", alert.level.name());
                    json.writeStringField("status", alert.status.name());
                    json.writeStringField("riskPointId", alert.riskPointId);
                    json.writeStringField("kind", alert.kind == null ? null : alert.kind.name());
                    json.writeStringField("district", alert.district);
                    json.writeStringField("grid", alert.grid);
                    json.writeNumberField("lat", alert.lat);
                    json.writeNumberField("lon", alert.lon);
                    json.writeStringField("startTs", EventTimes.format(alert.startTs));
                    json.writeStringField("detectTs", EventTimes.format(alert.detectTs));
                    if (alert.changeTs != alert.detectTs) {
                        json.writeStringField("changeTs", EventTimes.format(alert.changeTs));
                    }
                    if (alert.deviceId != null) {
                        json.writeStringField("deviceId", alert.deviceId);
                    }
                    json.writeArrayFieldStart("deviceIds");
                    for (String id : alert.deviceIds) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                    json.writeArrayFieldStart("incidentIds");
                    for (String id : alert.incidentIds) {
                        json.writeString(id);
                    }
                    json.writeEndArray();
                    json.writeArrayFieldStart("evidence");
                    for (Evidence evidence : alert.evidence) {
                        writeEvidence(json, evidence);
                    }
                    json.writeEndArray();
                    json.writeNumberField("escalation", alert.escalation);
                    if (alert.flapping) {
                        json.writeBooleanField("flapping", true);
                    }
                    json.writeStringField("message", alert.message);
                });
    }

    public static String deadLetter(DeadLetter letter) {
        return write(
                json -> {
                    json.writeStringField("source", letter.source);
                    json.writeStringField("reason", letter.reason.name());
                    json.writeStringField("detail", letter.detail);
                    json.writeStringField("raw", letter.raw);
                    if (letter.ts == null) {
                        json.writeNullField("ts");
                    } else {
                        json.writeStringField("ts", EventTimes.format(letter.ts));
                    }
                });
    }

    private static void writeEvidence(JsonGenerator json, Evidence evidence) throws IOException {
        json.writeStartObject();
        if (evidence.deviceId != null) {
            json.writeStringField("deviceId", evidence.deviceId);
        }
        if (evidence.incidentId != null) {
            json.writeStringField("incidentId", evidence.incidentId);
        }
        json.writeStringField("type", evidence.type);
        if (evidence.value != null) {
            json.writeNumberField("value", evidence.value);
        }
        json.writeStringField("ts", EventTimes.format(evidence.ts));
        json.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return out.toString();
    }
}
