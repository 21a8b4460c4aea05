package io.citywatch.launcher;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads alert changelog records (docs/contract.md §3.1) back from the alerts topic. */
final class AlertRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRecords() {}

    static Alert parse(String text) {
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not an alert record: " + text, e);
        }
        Alert alert = new Alert();
        alert.alertId = json.path("alertId").asText();
        alert.version = json.path("version").asInt();
        alert.ruleId = json.path("ruleId").asText();
        alert.scenario = Scenario.valueOf(json.path("scenario").asText());
        alert.level = AlertLevel.valueOf(json.path("level").asText());
        alert.status = AlertStatus.valueOf(json.path("status").asText());
        alert.riskPointId = json.path("riskPointId").asText();
        if (json.hasNonNull("kind")) {
            alert.kind = RiskPointKind.valueOf(json.get("kind").asText());
        }
        alert.district = json.path("district").asText(null);
        alert.grid = json.path("grid").asText(null);
        alert.lat = json.path("lat").asDouble();
        alert.lon = json.path("lon").asDouble();
        alert.startTs = EventTimes.parseIso(json.path("startTs").asText());
        alert.detectTs = EventTimes.parseIso(json.path("detectTs").asText());
        alert.changeTs =
                json.hasNonNull("changeTs")
                        ? EventTimes.parseIso(json.get("changeTs").asText())
                        : alert.detectTs;
        alert.deviceId = json.hasNonNull("deviceId") ? json.get("deviceId").asText() : null;
        alert.escalation = json.path("escalation").asInt();
        alert.message = json.path("message").asText();
        return alert;
    }
}
