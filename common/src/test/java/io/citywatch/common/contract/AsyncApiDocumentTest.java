package io.citywatch.common.contract;

import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.topic.CityTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/asyncapi.yaml is a valid AsyncAPI 3.0 document (against the AsyncAPI Initiative's own JSON
 * Schema, kept in the test resources), describes every topic of {@link CityTopics#ALL} with its
 * key, partitions and configuration, and every $ref in it reaches the document itself or a
 * checked-in schema of docs/schemas.
 */
class AsyncApiDocumentTest {
    private static final String DOCUMENT = "docs/asyncapi.yaml";

    /** The schema file of the records on each topic. */
    private static final Map<String, String> PAYLOADS =
            Map.of(
                    CityTopics.READINGS, Record.READING.fileName(),
                    CityTopics.INCIDENTS, Record.INCIDENT.fileName(),
                    CityTopics.REGISTRY, Record.REGISTRY_RECORD.fileName(),
                    CityTopics.ALERT_ACTIONS, Record.ALERT_ACTION.fileName(),
                    CityTopics.ALERTS, Record.ALERT.fileName(),
                    CityTopics.DEADLETTER, Record.DEAD_LETTER.fileName(),
                    CityTopics.ALERTS_CAP, ContractSchemas.CAP_XSD);

    /** The schema file of the CloudEvents headers on the topics whose records carry them. */
    private static final Map<String, String> HEADERS =
            Map.of(
                    CityTopics.ALERTS, Record.ALERT_HEADERS.fileName(),
                    CityTopics.DEADLETTER, Record.DEAD_LETTER_HEADERS.fileName());

    private static final List<String> OUTPUTS =
            List.of(CityTopics.ALERTS, CityTopics.DEADLETTER, CityTopics.ALERTS_CAP);

    private static JsonNode document;

    @BeforeAll
    static void read() throws Exception {
        document = new ObjectMapper(new YAMLFactory()).readTree(Repository.file(DOCUMENT).toFile());
    }

    @Test
    void isAValidAsyncApi30Document() throws Exception {
        JsonNode asyncApiSchema;
        try (InputStream in =
                getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            asyncApiSchema = new ObjectMapper().readTree(in);
        }
        Schema schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                        .getSchema(asyncApiSchema);

        List<Error> errors = schema.validate(document);

        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(errors).as("%s against the AsyncAPI 3.0.0 schema", DOCUMENT).isEmpty();
    }

    @Test
    void describesEveryTopicWithItsKeyLayoutAndRecord() {
        JsonNode channels = document.path("channels");
        assertThat(channels.size()).isEqualTo(CityTopics.ALL.size());
        for (CityTopics.Spec topic : CityTopics.ALL) {
            JsonNode channel = channelOf(topic.name());
            JsonNode kafka = channel.path("bindings").path("kafka");
            assertThat(kafka.path("topic").asText()).isEqualTo(topic.name());
            assertThat(kafka.path("partitions").asInt())
                    .as("partitions of %s", topic.name())
                    .isEqualTo(topic.partitions());
            Map<String, String> configuration = new LinkedHashMap<>();
            kafka.path("topicConfiguration")
                    .fields()
                    .forEachRemaining(
                            e ->
                                    configuration.put(
                                            e.getKey(),
                                            e.getValue().isArray()
                                                    ? e.getValue().get(0).asText()
                                                    : e.getValue().asText()));
            Map<String, String> expected = new LinkedHashMap<>(CityTopics.configs(topic));
            expected.putIfAbsent("cleanup.policy", "delete");
            assertThat(configuration)
                    .as("configuration of %s", topic.name())
                    .containsExactlyInAnyOrderEntriesOf(expected);

            List<JsonNode> messages = new ArrayList<>();
            channel.path("messages").forEach(ref -> messages.add(resolve(ref)));
            assertThat(messages).as("messages of %s", topic.name()).hasSize(1);
            JsonNode message = messages.get(0);
            assertThat(message.at("/bindings/kafka/key/description").asText())
                    .as("key of %s", topic.name())
                    .isEqualTo(topic.key());
            assertThat(message.at("/payload/schema/$ref").asText())
                    .as("payload of %s", topic.name())
                    .isEqualTo(schemaRef(PAYLOADS.get(topic.name())));
            if (HEADERS.containsKey(topic.name())) {
                assertThat(message.at("/headers/schema/$ref").asText())
                        .as("headers of %s", topic.name())
                        .isEqualTo(schemaRef(HEADERS.get(topic.name())));
            }

            String action = OUTPUTS.contains(topic.name()) ? "send" : "receive";
            assertThat(operationsOn(channel))
                    .as("what the job does with %s", topic.name())
                    .containsExactly(action);
        }
    }

    @Test
    void everyRefReachesTheDocumentOrACheckedInSchema() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        List<String> files = new ArrayList<>();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(document.at(ref.substring(1)).isMissingNode())
                        .as("%s points into %s", ref, DOCUMENT)
                        .isFalse();
            } else {
                Path file = Repository.file(DOCUMENT).getParent().resolve(ref).normalize();
                assertThat(file).as("%s is a file", ref).isRegularFile();
                assertThat(file.getParent())
                        .as("%s is a schema of the contract", ref)
                        .isEqualTo(Repository.file(ContractSchemas.FOLDER).normalize());
                files.add(file.getFileName().toString());
            }
        }
        assertThat(refs).hasSizeGreaterThan(2 * CityTopics.ALL.size());
        List<String> expected = new ArrayList<>(PAYLOADS.values());
        expected.addAll(HEADERS.values());
        assertThat(files).containsExactlyInAnyOrderElementsOf(expected);
        for (String file : files) {
            assertThat(Files.exists(Repository.file(ContractSchemas.FOLDER).resolve(file)))
                    .isTrue();
        }
    }

    private static String schemaRef(String fileName) {
        return ContractSchemas.FOLDER.substring("docs/".length()) + "/" + fileName;
    }

    private static JsonNode channelOf(String topic) {
        for (JsonNode channel : document.path("channels")) {
            if (channel.path("address").asText().equals(topic)) {
                return channel;
            }
        }
        throw new AssertionError(DOCUMENT + " has no channel with address " + topic);
    }

    private static List<String> operationsOn(JsonNode channel) {
        List<String> actions = new ArrayList<>();
        for (JsonNode operation : document.path("operations")) {
            if (resolve(operation.path("channel")) == channel) {
                actions.add(operation.path("action").asText());
            }
        }
        return actions;
    }

    /** The node a {"$ref": "#/…"} points at, or the node itself when it is no reference. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        JsonNode target = document.at(ref.asText().substring(1));
        assertThat(target.isMissingNode()).as("%s resolves", ref).isFalse();
        return target;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            field -> {
                                if (field.getKey().equals("$ref")) {
                                    refs.add(field.getValue().asText());
                                } else {
                                    collectRefs(field.getValue(), refs);
                                }
                            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }
}
