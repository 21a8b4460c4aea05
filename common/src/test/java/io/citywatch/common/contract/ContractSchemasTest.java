package io.citywatch.common.contract;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.model.ActionType;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.IncidentSource;
import io.citywatch.common.model.IncidentStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checked-in schemas are valid JSON Schema 2020-12 under stable ids, their examples are valid,
 * and every list of values they name is the code's list.
 */
class ContractSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode read(String fileName) throws IOException {
        return JSON.readTree(Repository.file(ContractSchemas.FOLDER).resolve(fileName).toFile());
    }

    @Test
    void theFolderHoldsOneSchemaPerRecordAndTheSharedDefinitions() throws IOException {
        List<String> files;
        try (Stream<Path> list = Files.list(Repository.file(ContractSchemas.FOLDER))) {
            files =
                    list.map(f -> f.getFileName().toString())
                            .filter(name -> name.endsWith(".json"))
                            .sorted()
                            .toList();
        }
        List<String> expected = new ArrayList<>();
        expected.add("definitions.schema.json");
        Arrays.stream(Record.values()).map(Record::fileName).forEach(expected::add);

        assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everySchemaIsDraft202012UnderItsFileNameAndValidAgainstTheMetaSchema() throws IOException {
        Schema metaSchema =
                SchemaRegistry.withDialect(Dialects.getDraft202012())
                        .getSchema(SchemaLocation.of(Dialects.getDraft202012().getId()));
        List<String> files = new ArrayList<>(List.of("definitions.schema.json"));
        Arrays.stream(Record.values()).map(Record::fileName).forEach(files::add);
        for (String file : files) {
            JsonNode schema = read(file);
            assertThat(schema.path("$schema").asText())
                    .as("$schema of %s", file)
                    .isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText())
                    .as("$id of %s", file)
                    .isEqualTo(ContractSchemas.ID_PREFIX + file);
            List<Error> errors = metaSchema.validate(schema);
            assertThat(errors).as("%s against the 2020-12 meta-schema", file).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Record.class)
    void theExamplesOfEachSchemaAreValid(Record record) throws IOException {
        JsonNode examples = read(record.fileName()).path("examples");

        assertThat(examples.size()).as("examples of %s", record).isPositive();
        for (JsonNode example : examples) {
            assertThat(ContractSchemas.violations(record, example))
                    .as("example %s", example)
                    .isEmpty();
        }
    }

    @Test
    void theListsOfValuesAreTheCodes() throws IOException {
        JsonNode definitions = read("definitions.schema.json").path("$defs");
        JsonNode incident = read("incident.schema.json").path("properties");
        JsonNode alert = read("alert.schema.json").path("properties");

        assertThat(strings(definitions.path("sensorType").path("enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(SensorType.values()).map(SensorType::wireName).toList());
        assertThat(strings(definitions.path("riskPointKind").path("enum")))
                .containsExactlyElementsOf(names(RiskPointKind.values()));
        assertThat(strings(incident.path("source").path("enum")))
                .containsExactlyElementsOf(names(IncidentSource.values()));
        assertThat(strings(incident.path("category").path("enum")))
                .containsExactlyElementsOf(names(IncidentCategory.values()));
        assertThat(strings(incident.path("status").path("enum")))
                .containsExactlyElementsOf(names(IncidentStatus.values()));
        assertThat(strings(read("alert-action.schema.json").at("/properties/action/enum")))
                .containsExactlyElementsOf(names(ActionType.values()));
        assertThat(strings(alert.path("scenario").path("enum")))
                .containsExactlyElementsOf(names(Scenario.values()));
        assertThat(strings(alert.path("level").path("enum")))
                .containsExactlyElementsOf(names(AlertLevel.values()));
        assertThat(strings(alert.path("status").path("enum")))
                .containsExactlyElementsOf(names(AlertStatus.values()));
        assertThat(strings(read("dead-letter.schema.json").at("/properties/reason/enum")))
                .containsExactlyElementsOf(names(RejectReason.values()));
        assertThat(strings(read("dead-letter-headers.schema.json").at("/properties/ce_type/enum")))
                .containsExactlyElementsOf(
                        Arrays.stream(RejectReason.values())
                                .map(reason -> "io.citywatch.deadletter." + reason)
                                .toList());
        assertThat(strings(read("alert-headers.schema.json").at("/properties/ce_type/enum")))
                .hasSize(AlertStatus.values().length);
    }

    /** A CAP 1.2 message with what the schema requires and a little more. */
    private static final String CAP_MESSAGE =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                    + "<identifier>562a30457cdb71b725d1bc914d0f4890-v1</identifier>"
                    + "<sender>citywatch.example</sender>"
                    + "<sent>2026-07-14T08:12:00+08:00</sent>"
                    + "<status>Actual</status><msgType>Alert</msgType><scope>Restricted</scope>"
                    + "<restriction>duty officers</restriction>"
                    + "<info><language>zh-CN</language><category>Fire</category><event>火灾</event>"
                    + "<urgency>Immediate</urgency><severity>Extreme</severity>"
                    + "<certainty>Observed</certainty>"
                    + "<area><areaDesc>Tower 1, Yuzhong</areaDesc>"
                    + "<circle>29.56,106.55 0.3</circle></area></info>"
                    + "</alert>";

    @Test
    void theCapSchemaIsOasisCap12WithItsNoticeAndTellsValidMessagesFromInvalidOnes()
            throws IOException {
        Path folder = Repository.file(ContractSchemas.FOLDER);
        assertThat(Files.readString(folder.resolve(ContractSchemas.CAP_XSD)))
                .contains("<!-- Copyright OASIS Open 2010 All Rights Reserved -->")
                .contains("targetNamespace=\"urn:oasis:names:tc:emergency:cap:1.2\"");
        assertThat(Files.readString(folder.resolve("README.md")))
                .contains("Copyright © OASIS Open 2010. All Rights Reserved.")
                .contains("provided that\n> the above copyright notice and this section are");

        assertThat(ContractSchemas.capViolations(CAP_MESSAGE)).isEmpty();
        // CAP forbids "Z" and fractions of seconds
        assertThat(
                        ContractSchemas.capViolations(
                                CAP_MESSAGE.replace("08:12:00+08:00", "00:12:00Z")))
                .isNotEmpty();
        assertThat(
                        ContractSchemas.capViolations(
                                CAP_MESSAGE.replace("08:12:00+08:00", "08:12:00.5+08:00")))
                .isNotEmpty();
        assertThat(
                        ContractSchemas.capViolations(
                                CAP_MESSAGE.replace("<msgType>Alert", "<msgType>Opened")))
                .isNotEmpty()
                .allSatisfy(error -> assertThat(error).contains("'Opened'"));
        // elements in the schema's order only
        assertThat(
                        ContractSchemas.capViolations(
                                CAP_MESSAGE.replace(
                                        "<status>Actual</status><msgType>Alert</msgType>",
                                        "<msgType>Alert</msgType><status>Actual</status>")))
                .isNotEmpty();
        assertThat(
                        ContractSchemas.capViolations(
                                "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"))
                .singleElement()
                .asString()
                .startsWith("not well-formed");
    }

    @Test
    void eachSensorTypeHasItsUnitInTheReadingSchema() throws IOException {
        Map<String, String> units = new LinkedHashMap<>();
        for (JsonNode rule : read("reading.schema.json").at("/$defs/unitOf/allOf")) {
            List<String> allowed = new ArrayList<>();
            rule.at("/then/properties/unit/enum").forEach(u -> allowed.add(u.asText(null)));
            assertThat(allowed).as("units of %s", rule).hasSize(2).contains((String) null);
            units.put(
                    rule.at("/if/properties/type/const").asText(),
                    allowed.stream().filter(u -> u != null).findFirst().orElseThrow());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (SensorType type : SensorType.values()) {
            expected.put(type.wireName(), type.unit());
        }

        assertThat(units).containsExactlyEntriesOf(expected);
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("a list of values: %s", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asText()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
