package io.citywatch.jobs.io;

import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.contract.Repository;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.topic.CityTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alert and dead-letter records in CloudEvents binary mode: the value unchanged, the headers valid
 * against their schema, and read back by the CNCF SDK as a consumer would.
 */
class CloudEventRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI SOURCE = URI.create("/citywatch/chongqing");

    /** A record's headers as the headers schemas take them: name → UTF-8 value. */
    static ObjectNode headers(Headers headers) {
        ObjectNode object = JSON.createObjectNode();
        for (Header header : headers) {
            object.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return object;
    }

    private static Alert alert(AlertStatus status) {
        Alert alert = new Alert();
        alert.alertId = "562a30457cdb71b725d1bc914d0f4890";
        alert.version = 2;
        alert.ruleId = "fire.confirmed";
        alert.scenario = Scenario.fire;
        alert.level = AlertLevel.red;
        alert.status = status;
        alert.riskPointId = "rp-p-tower-1";
        alert.district = "Yuzhong";
        alert.grid = "yu-g1";
        alert.lat = 29.56;
        alert.lon = 106.55;
        alert.startTs = Instant.parse("2026-07-14T00:10:00Z").toEpochMilli();
        alert.detectTs = Instant.parse("2026-07-14T00:12:00Z").toEpochMilli();
        alert.changeTs = Instant.parse("2026-07-14T00:17:00.250Z").toEpochMilli();
        alert.message = "Fire confirmed by 2 detectors on F12 of RP-P-TOWER-1";
        return alert;
    }

    @Test
    void anAlertChangeKeepsItsKeyAndValueAndCarriesItsAttributesAsHeaders() throws Exception {
        Alert alert = alert(AlertStatus.escalated);
        ProducerRecord<byte[], byte[]> record =
                CloudEventRecords.alerts(CityTopics.ALERTS, SOURCE).serialize(alert, null, 42L);

        assertThat(record.topic()).isEqualTo(CityTopics.ALERTS);
        assertThat(record.partition()).isNull();
        assertThat(record.timestamp()).as("the producer's clock, not event time").isNull();
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.alertId);
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo(OutputJson.alert(alert));

        ObjectNode headers = headers(record.headers());
        assertThat(ContractSchemas.violations(Record.ALERT_HEADERS, headers)).isEmpty();
        assertThat(headers.properties())
                .extracting(e -> e.getKey() + "=" + e.getValue().asText())
                .containsExactlyInAnyOrder(
                        "ce_specversion=1.0",
                        "ce_id=562a30457cdb71b725d1bc914d0f4890-v2",
                        "ce_source=/citywatch/chongqing",
                        "ce_type=io.citywatch.alert.escalated",
                        "ce_subject=rp-p-tower-1",
                        "ce_time=2026-07-14T00:17:00.25Z",
                        "ce_dataschema=https://citywatch.io/schemas/alert.schema.json",
                        "content-type=application/json");

        CloudEvent event =
                KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
        assertThat(event.getId()).isEqualTo(alert.alertId + "-v2");
        assertThat(event.getTime().toInstant().toEpochMilli()).isEqualTo(alert.changeTs);
        assertThat(event.getDataSchema()).isEqualTo(CloudEventRecords.ALERT_SCHEMA);
        assertThat(event.getData().toBytes()).isEqualTo(record.value());
    }

    @Test
    void theDataSchemasAreTheCheckedInSchemasIds() {
        assertThat(CloudEventRecords.ALERT_SCHEMA).hasToString(Record.ALERT.id());
        assertThat(CloudEventRecords.DEAD_LETTER_SCHEMA).hasToString(Record.DEAD_LETTER.id());
    }

    @ParameterizedTest
    @EnumSource(AlertStatus.class)
    void everyStatusHasTheTypeItsSchemaLists(AlertStatus status) {
        String type = CloudEventRecords.type(status);
        assertThat(type)
                .isEqualTo(
                        "io.citywatch.alert."
                                + (status == AlertStatus.open ? "opened" : status.name()));
        ProducerRecord<byte[], byte[]> record =
                CloudEventRecords.alerts(CityTopics.ALERTS, SOURCE)
                        .serialize(alert(status), null, null);
        assertThat(ContractSchemas.violations(Record.ALERT_HEADERS, headers(record.headers())))
                .isEmpty();
    }

    @Test
    void theAlertHeadersSchemaListsExactlyTheTypesOfTheStatuses() throws Exception {
        JsonNode schema =
                JSON.readTree(
                        Repository.file(ContractSchemas.FOLDER)
                                .resolve(Record.ALERT_HEADERS.fileName())
                                .toFile());
        List<String> listed = new ArrayList<>();
        schema.at("/properties/ce_type/enum").forEach(type -> listed.add(type.asText()));

        assertThat(listed)
                .containsExactlyElementsOf(
                        Arrays.stream(AlertStatus.values()).map(CloudEventRecords::type).toList());
    }

    @Test
    void aDeadLetterIsAnEventOfItsReasonWithAStableId() throws Exception {
        DeadLetter letter =
                DeadLetter.of(
                        CityTopics.READINGS,
                        RejectReason.unit_mismatch,
                        "water_level is measured in m, got ft",
                        "{\"deviceId\":\"p-rv5-lvl-1\",\"unit\":\"ft\"}",
                        Instant.parse("2026-07-14T00:08:00Z").toEpochMilli(),
                        17);
        CloudEventRecords<DeadLetter> records =
                CloudEventRecords.deadLetters(CityTopics.DEADLETTER, SOURCE);
        ProducerRecord<byte[], byte[]> record = records.serialize(letter, null, null);

        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(CityTopics.READINGS);
        assertThat(record.value()).isEqualTo(RecordLimits.deadLetterValue(letter));
        ObjectNode headers = headers(record.headers());
        assertThat(ContractSchemas.violations(Record.DEAD_LETTER_HEADERS, headers)).isEmpty();
        assertThat(headers.path("ce_type").asText())
                .isEqualTo("io.citywatch.deadletter.unit_mismatch");
        assertThat(headers.path("ce_subject").asText()).isEqualTo(CityTopics.READINGS);
        assertThat(headers.path("ce_time").asText()).isEqualTo("2026-07-14T00:08:00Z");
        assertThat(
                        KafkaMessageFactory.createReader(record.headers(), record.value())
                                .toEvent()
                                .getType())
                .isEqualTo("io.citywatch.deadletter.unit_mismatch");

        // the same rejection written again (at-least-once) has the same id; another has its own
        String id = headers.path("ce_id").asText();
        assertThat(headers(records.serialize(letter, null, null).headers()).path("ce_id").asText())
                .isEqualTo(id);
        DeadLetter next =
                DeadLetter.of(
                        letter.source, letter.reason, letter.detail, letter.raw, letter.ts, 18);
        assertThat(headers(records.serialize(next, null, null).headers()).path("ce_id").asText())
                .isNotEqualTo(id);
    }

    @Test
    void aDeadLetterWithoutATimeHasNoEventTime() {
        DeadLetter letter =
                DeadLetter.of("influxdb", RejectReason.influx_rejected, "bad", "m f=1", null, 0);
        ObjectNode headers =
                headers(
                        CloudEventRecords.deadLetters(CityTopics.DEADLETTER, SOURCE)
                                .serialize(letter, null, null)
                                .headers());

        assertThat(headers.has("ce_time")).isFalse();
        assertThat(ContractSchemas.violations(Record.DEAD_LETTER_HEADERS, headers)).isEmpty();
    }
}
