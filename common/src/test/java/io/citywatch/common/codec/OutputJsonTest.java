package io.citywatch.common.codec;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Incident;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OutputJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2026-07-14T03:00:00Z (python calendar.timegm). */
    private static final long T0 = 1_783_998_000_000L;

    private static Alert specAlert() {
        Alert alert = new Alert();
        alert.alertId = "7f3c0a9b";
        alert.version = 1;
        alert.ruleId = "fire.confirmed";
        alert.scenario = Scenario.fire;
        alert.level = AlertLevel.red;
        alert.status = AlertStatus.open;
        alert.riskPointId = "rp-yz-b001";
        alert.kind = RiskPointKind.high_rise;
        alert.district = "Yuzhong";
        alert.grid = "yz-jfb-03";
        alert.lat = 29.5576;
        alert.lon = 106.5772;
        alert.startTs = T0;
        alert.detectTs = T0 + 40_000;
        alert.changeTs = alert.detectTs;
        alert.deviceIds = List.of("cq-yz-b001-smk-23", "cq-yz-b001-tmp-23");
        alert.incidentIds = List.of();
        alert.evidence =
                List.of(Evidence.of(new Reading("cq-yz-b001-smk-23", SensorType.SMOKE, 3.4, T0)));
        alert.escalation = 0;
        alert.message = "Fire confirmed by 2 detectors on F23 of Jiefangbei Tower A";
        return alert;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void alertMatchesTheSpecExampleFieldForField() {
        String json = OutputJson.alert(specAlert());

        assertThat(json)
                .isEqualTo(
                        "{\"alertId\":\"7f3c0a9b\",\"version\":1,\"ruleId\":\"fire.confirmed\","
                                + "\"scenario\":\"fire\",\"level\":\"red\",\"status\":\"open\","
                                + "\"riskPointId\":\"rp-yz-b001\",\"kind\":\"high_rise\","
                                + "\"district\":\"Yuzhong\",\"grid\":\"yz-jfb-03\","
                                + "\"lat\":29.5576,\"lon\":106.5772,"
                                + "\"startTs\":\"2026-07-14T03:00:00Z\","
                                + "\"detectTs\":\"2026-07-14T03:00:40Z\","
                                + "\"deviceIds\":[\"cq-yz-b001-smk-23\",\"cq-yz-b001-tmp-23\"],"
                                + "\"incidentIds\":[],"
                                + "\"evidence\":[{\"deviceId\":\"cq-yz-b001-smk-23\",\"type\":\"smoke\","
                                + "\"value\":3.4,\"ts\":\"2026-07-14T03:00:00Z\"}],"
                                + "\"escalation\":0,"
                                + "\"message\":\"Fire confirmed by 2 detectors on F23 of Jiefangbei Tower A\"}");
    }

    @Test
    void lifecycleAndPerDeviceAlertsAddChangeTsAndDeviceIdInAFixedPlace() throws Exception {
        Alert alert = specAlert();
        alert.version = 3;
        alert.status = AlertStatus.acknowledged;
        alert.changeTs = T0 + 240_000;
        alert.deviceId = "cq-yz-b001-smk-23";
        alert.escalation = 2;

        JsonNode node = JSON.readTree(OutputJson.alert(alert));

        assertThat(fieldNames(node))
                .containsExactly(
                        "alertId",
                        "version",
                        "ruleId",
                        "scenario",
                        "level",
                        "status",
                        "riskPointId",
                        "kind",
                        "district",
                        "grid",
                        "lat",
                        "lon",
                        "startTs",
                        "detectTs",
                        "changeTs",
                        "deviceId",
                        "deviceIds",
                        "incidentIds",
                        "evidence",
                        "escalation",
                        "message");
        assertThat(node.get("version").intValue()).isEqualTo(3);
        assertThat(node.get("status").textValue()).isEqualTo("acknowledged");
        assertThat(node.get("detectTs").textValue()).isEqualTo("2026-07-14T03:00:40Z");
        assertThat(node.get("changeTs").textValue()).isEqualTo("2026-07-14T03:04:00Z");
        assertThat(node.get("deviceId").textValue()).isEqualTo("cq-yz-b001-smk-23");
        assertThat(node.get("escalation").intValue()).isEqualTo(2);
    }

    @Test
    void incidentEvidenceHasIncidentIdAndNoValue() throws Exception {
        Incident incident = new Incident();
        incident.incidentId = "inc-20260714-0042";
        incident.category = IncidentCategory.fire;
        incident.ts = T0 + 70_123;
        Alert alert = specAlert();
        alert.incidentIds = List.of("inc-20260714-0042");
        alert.evidence = List.of(Evidence.of(incident));

        JsonNode node = JSON.readTree(OutputJson.alert(alert));

        JsonNode evidence = node.get("evidence").get(0);
        assertThat(fieldNames(evidence)).containsExactly("incidentId", "type", "ts");
        assertThat(evidence.get("incidentId").textValue()).isEqualTo("inc-20260714-0042");
        assertThat(evidence.get("type").textValue()).isEqualTo("fire");
        assertThat(evidence.get("ts").textValue()).isEqualTo("2026-07-14T03:01:10.123Z");
        assertThat(node.get("incidentIds").get(0).textValue()).isEqualTo("inc-20260714-0042");
    }

    @Test
    void alertEscapesTextAndStaysOnOneLine() throws Exception {
        Alert alert = specAlert();
        alert.message = "Line 1\nLine 2 \"quoted\" \\ 火灾确认 😀";
        alert.kind = null;

        String json = OutputJson.alert(alert);
        JsonNode node = JSON.readTree(json);

        assertThat(json).doesNotContain("\n").doesNotContain("\r");
        assertThat(node.get("message").textValue()).isEqualTo(alert.message);
        assertThat(node.get("kind").isNull()).isTrue();
    }

    @Test
    void deadLetterHasTheSpecFieldsInOrder() {
        DeadLetter letter =
                DeadLetter.of(
                        "citywatch.readings",
                        RejectReason.invalid_json,
                        "unexpected end",
                        "{\"deviceId\":",
                        T0,
                        17);

        assertThat(OutputJson.deadLetter(letter))
                .isEqualTo(
                        "{\"source\":\"citywatch.readings\",\"reason\":\"invalid_json\","
                                + "\"detail\":\"unexpected end\",\"raw\":\"{\\\"deviceId\\\":\","
                                + "\"ts\":\"2026-07-14T03:00:00Z\"}");
    }

    @Test
    void deadLetterWithoutEventTimeWritesNullTs() throws Exception {
        DeadLetter letter =
                DeadLetter.of(
                        "citywatch.incidents", RejectReason.missing_field, "d", "{}", null, 0);

        JsonNode node = JSON.readTree(OutputJson.deadLetter(letter));

        assertThat(fieldNames(node)).containsExactly("source", "reason", "detail", "raw", "ts");
        assertThat(node.get("ts").isNull()).isTrue();
        assertThat(node.get("reason").textValue()).isEqualTo("missing_field");
    }

    static Stream<String> raws() {
        return Stream.of(
                "",
                "   ",
                "not json",
                "{\"deviceId\":\"a\",\"deviceId\":\"b\"}",
                "line1\nline2\r\n\ttab",
                "quote \" backslash \\ slash / unicode 重庆 emoji 😀 nul \u0000 bell \u0007",
                "{\"pad\":\"" + "中".repeat(40_000) + "\"}");
    }

    @ParameterizedTest
    @MethodSource("raws")
    void deadLetterKeepsTheRawRecordWhole(String raw) throws Exception {
        DeadLetter letter =
                DeadLetter.of("citywatch.readings", RejectReason.bad_value, "x", raw, T0, 1);

        String json = OutputJson.deadLetter(letter);

        assertThat(json).doesNotContain("\n").doesNotContain("\r");
        assertThat(JSON.readTree(json).get("raw").textValue()).isEqualTo(raw);
    }

    @Test
    void aRejectedReadingBecomesADeadLetterWithItsReasonAndWholeRaw() throws Exception {
        String raw =
                "{\"deviceId\":\"d1\",\"type\":\"water_level\",\"value\":3.2,\"unit\":\"ft\","
                        + "\"ts\":\"2026-07-14T11:00:00+08:00\"}";
        Parsed<Reading> parsed = ReadingCodec.decode(raw);

        JsonNode node =
                JSON.readTree(
                        OutputJson.deadLetter(
                                DeadLetter.of(
                                        "citywatch.readings",
                                        parsed.reason(),
                                        parsed.detail(),
                                        raw,
                                        T0,
                                        3)));

        assertThat(node.get("reason").textValue()).isEqualTo("unit_mismatch");
        assertThat(node.get("detail").textValue()).contains("ft");
        assertThat(node.get("raw").textValue()).isEqualTo(raw);
        assertThat(node.get("ts").textValue()).isEqualTo("2026-07-14T03:00:00Z");
    }
}
