package io.citywatch.common.codec;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.contract.Repository;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input schemas and the codecs agree: every bad input of the codec tests is rejected by its
 * schema or listed in docs/schemas/README.md as a rule no schema can express, and every record the
 * codecs accept in the scenarios is valid against its schema.
 */
class InputSchemasTest {
    /** The input records with their codec and the bad inputs of their codec test. */
    private record Input(
            Record record,
            String file,
            Function<String, Parsed<?>> codec,
            Supplier<Stream<Arguments>> badInputs) {}

    private static final List<Input> INPUTS =
            List.of(
                    new Input(
                            Record.READING,
                            "readings.jsonl",
                            ReadingCodec::decode,
                            ReadingCodecTest::badInputs),
                    new Input(
                            Record.INCIDENT,
                            "incidents.jsonl",
                            IncidentCodec::decode,
                            IncidentCodecTest::badInputs),
                    new Input(
                            Record.REGISTRY_RECORD,
                            "registry.jsonl",
                            RegistryCodec::decode,
                            RegistryCodecTest::badInputs),
                    new Input(
                            Record.ALERT_ACTION,
                            "actions.jsonl",
                            AlertActionCodec::decode,
                            AlertActionCodecTest::badInputs));

    /** A row of the README's table: | record | `codec test case` | rule |. */
    private static final Pattern LISTED_ROW =
            Pattern.compile("^\\|\\s*([a-z-]+)\\s*\\|\\s*`([^`]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*$");

    @Test
    void everyBadInputOfTheCodecTestsIsRejectedByItsSchemaOrListedAsBeyondSchemas()
            throws IOException {
        Map<String, String> listed = beyondSchemas();
        List<String> unlisted = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        TreeSet<String> cases = new TreeSet<>();
        int rejected = 0;
        for (Input input : INPUTS) {
            for (Arguments arguments : input.badInputs().get().toList()) {
                Object[] args = arguments.get();
                String key = input.record().schemaName() + " / " + args[0];
                String raw = (String) args[1];
                assertThat(cases.add(key)).as("codec test case names are unique: %s", key).isTrue();
                boolean valid = ContractSchemas.valid(input.record(), raw);
                if (!valid) {
                    rejected++;
                }
                if (valid && !listed.containsKey(key)) {
                    unlisted.add(key + " (rejected " + args[2] + " by the codec)");
                }
                if (!valid && listed.containsKey(key)) {
                    stale.add(key + ": the schema rejects it now, so it is no longer beyond it");
                }
            }
        }
        for (String key : listed.keySet()) {
            if (!cases.contains(key)) {
                stale.add(key + ": no codec test has this case");
            }
        }

        assertThat(unlisted)
                .as(
                        "bad inputs the schemas accept: make the schema reject them, or list them"
                                + " in docs/schemas/README.md with the rule they break")
                .isEmpty();
        assertThat(stale).as("stale rows of the list in docs/schemas/README.md").isEmpty();
        // most of the rules are the schemas' to check: the list is the exception
        assertThat(rejected).isGreaterThan(4 * listed.size());
    }

    @Test
    void everyRecordTheCodecsAcceptInTheScenariosIsValid() throws IOException {
        int checked = 0;
        for (Path scenario : Repository.scenarios()) {
            for (Input input : INPUTS) {
                Path file = scenario.resolve(input.file());
                if (!Files.exists(file)) {
                    continue;
                }
                for (String line : Files.readAllLines(file)) {
                    if (input.codec().apply(line).isOk()) {
                        assertThat(ContractSchemas.violations(input.record(), line))
                                .as("%s: %s", file, line)
                                .isEmpty();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void recordsAtTheEdgesTheCodecsAcceptAreValid() {
        Map<Record, List<String>> accepted = new LinkedHashMap<>();
        accepted.put(
                Record.READING,
                List.of(
                        "{\"deviceId\":\"d1\",\"type\":\"pump_running\",\"value\":1.0,\"ts\":0}",
                        "{\"deviceId\":\"d1\",\"type\":\"smoke\",\"value\":150,"
                                + "\"ts\":\"2026-07-14t11:00+08\"}",
                        "{\"deviceId\":\"d1\",\"type\":\"strain\",\"value\":-1e3,\"unit\":\"µε\","
                                + "\"seq\":9223372036854775807,"
                                + "\"ts\":\"2026-07-14T03:00:00.123456789-05:30\"}",
                        "{\"deviceId\":\"A:b.c_d-9\",\"type\":\"heartbeat\",\"value\":1e300,"
                                + "\"unit\":null,\"seq\":null,\"extra\":[1,{}],"
                                + "\"ts\":253402300799999}"));
        accepted.put(
                Record.INCIDENT,
                List.of(
                        "{\"incidentId\":\"i\",\"source\":\"patrol\",\"category\":\"other\","
                                + "\"status\":\"on_site\",\"riskPointId\":null,\"lat\":-90,"
                                + "\"lon\":180,\"ts\":\"2026-07-14T03:00:00Z\"}",
                        "{\"incidentId\":\"i\",\"source\":\"patrol\",\"category\":\"other\","
                                + "\"status\":\"reported\",\"riskPointId\":\"rp\",\"lat\":null,"
                                + "\"ts\":\"2026-07-14T03:00:00Z\"}"));
        accepted.put(
                Record.REGISTRY_RECORD,
                List.of(
                        "{\"riskPointId\":\"x\",\"deleted\":true,\"kind\":\"tunnel\"}",
                        "{\"riskPointId\":\"x\",\"deleted\":null,\"kind\":\"bridge\",\"lat\":0,"
                                + "\"lon\":0,\"devices\":[],\"thresholds\":null,"
                                + "\"reportingPeriodSec\":604800,\"name\":null}"));
        accepted.put(
                Record.ALERT_ACTION,
                List.of(
                        "{\"alertId\":\"a\",\"action\":\"false_alarm\",\"by\":\"值班员 张三\","
                                + "\"ts\":1783998240000}"));
        for (Input input : INPUTS) {
            for (String raw : accepted.get(input.record())) {
                Parsed<?> parsed = input.codec().apply(raw);
                assertThat(parsed.isOk())
                        .as("codec accepts %s (%s %s)", raw, parsed.reason(), parsed.detail())
                        .isTrue();
                assertThat(ContractSchemas.violations(input.record(), raw)).as(raw).isEmpty();
            }
        }
    }

    /** "record / case" → rule, from the table of docs/schemas/README.md. */
    private static Map<String, String> beyondSchemas() throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repository.file("docs/schemas/README.md"))) {
            Matcher row = LISTED_ROW.matcher(line);
            if (row.matches()) {
                String key = row.group(1) + " / " + row.group(2);
                assertThat(listed.put(key, row.group(3))).as("listed twice: %s", key).isNull();
            }
        }
        assertThat(listed).as("rows of docs/schemas/README.md").isNotEmpty();
        return listed;
    }
}
