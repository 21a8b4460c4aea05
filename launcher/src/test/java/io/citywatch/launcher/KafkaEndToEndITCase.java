package io.citywatch.launcher;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.time.EventTimes;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Kafka end to end: the simulator produces to an in-process broker, the job consumes it on a
 * MiniCluster, and the alerts and dead letters come back on their topics, each record valid against
 * the contract's schema of its topic and its CloudEvents headers against theirs; the alerts come
 * back as CAP 1.2 messages too, valid against the OASIS schema and chained by their references.
 */
class KafkaEndToEndITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";

    /** The job's CloudEvents source in these runs: the option, not its default. */
    private static final String SOURCE = "/citywatch/e2e-city";

    /** City time per wall-clock time: the whole default city in about 24 s. */
    private static final double SPEED = 300;

    /** The exactly-once run's city: 35 min in about 10 s. */
    private static final double EXACTLY_ONCE_SPEED = 200;

    private static final Duration IDLENESS = Duration.ofSeconds(2);

    private static final List<String> TOPICS =
            List.of(CityTopics.ALERTS, CityTopics.DEADLETTER, CityTopics.ALERTS_CAP);

    /** One CAP message as it came back. */
    private record CapMessage(
            String key, String identifier, String msgType, String reference, String references) {}

    /** What came back on the output topics. */
    private static final class Outputs {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        final Map<String, Long> deadLetters = new ConcurrentHashMap<>();
        final List<CapMessage> cap = new CopyOnWriteArrayList<>();

        /** Records that broke their schema or the contract, with what is wrong. */
        final List<String> invalid = new CopyOnWriteArrayList<>();

        /** How many records were checked against their schema. */
        final AtomicLong validated = new AtomicLong();

        void accept(ConsumerRecord<String, String> record) {
            try {
                switch (record.topic()) {
                    case CityTopics.ALERTS -> alert(record);
                    case CityTopics.DEADLETTER -> deadLetter(record);
                    default -> cap(record);
                }
            } catch (Exception e) {
                invalid.add(record.topic() + " unreadable (" + e + "): " + record.value());
            }
            validated.incrementAndGet();
        }

        private void alert(ConsumerRecord<String, String> record) {
            String text = record.value();
            check(record, ContractSchemas.violations(Record.ALERT, text));
            ObjectNode headers = headers(record.headers());
            check(record, ContractSchemas.violations(Record.ALERT_HEADERS, headers));
            Alert alert = AlertRecords.parse(text);
            CloudEvent event =
                    KafkaMessageFactory.createReader(record.headers(), bytes(text)).toEvent();
            String type =
                    "io.citywatch.alert."
                            + (alert.status == AlertStatus.open ? "opened" : alert.status.name());
            if (!event.getId().equals(alert.alertId + "-v" + alert.version)
                    || !event.getType().equals(type)
                    || !event.getSource().toString().equals(SOURCE)
                    || !alert.riskPointId.equals(event.getSubject())
                    || event.getTime().toInstant().toEpochMilli() != alert.changeTs
                    || !event.getDataSchema().toString().equals(Record.ALERT.id())
                    || !"application/json".equals(event.getDataContentType())
                    || !alert.alertId.equals(record.key())) {
                invalid.add("alert event " + event + " does not describe " + text);
            }
            alerts.add(alert);
        }

        private void deadLetter(ConsumerRecord<String, String> record) throws Exception {
            String text = record.value();
            check(record, ContractSchemas.violations(Record.DEAD_LETTER, text));
            check(
                    record,
                    ContractSchemas.violations(
                            Record.DEAD_LETTER_HEADERS, headers(record.headers())));
            JsonNode letter = JSON.readTree(text);
            String reason = letter.path("reason").asText();
            CloudEvent event =
                    KafkaMessageFactory.createReader(record.headers(), bytes(text)).toEvent();
            boolean timed = !letter.path("ts").isNull();
            if (!event.getType().equals("io.citywatch.deadletter." + reason)
                    || !event.getSource().toString().equals(SOURCE)
                    || !letter.path("source").asText().equals(event.getSubject())
                    || timed != (event.getTime() != null)
                    || (timed
                            && event.getTime().toInstant().toEpochMilli()
                                    != EventTimes.parseIso(letter.path("ts").asText()))) {
                invalid.add("dead-letter event " + event + " does not describe " + text);
            }
            deadLetters.merge(reason, 1L, Long::sum);
        }

        private void cap(ConsumerRecord<String, String> record) throws Exception {
            String xml = record.value();
            check(record, ContractSchemas.capViolations(xml));
            Header contentType = record.headers().lastHeader("content-type");
            if (contentType == null
                    || !new String(contentType.value(), StandardCharsets.UTF_8)
                            .equals("application/cap+xml")) {
                invalid.add("CAP record without its content-type: " + xml);
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document =
                    factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            cap.add(
                    new CapMessage(
                            record.key(),
                            text(document, "identifier"),
                            text(document, "msgType"),
                            text(document, "sender")
                                    + ","
                                    + text(document, "identifier")
                                    + ","
                                    + text(document, "sent"),
                            text(document, "references")));
        }

        private void check(ConsumerRecord<String, String> record, List<String> violations) {
            if (!violations.isEmpty()) {
                invalid.add(record.topic() + " " + violations + ": " + record.value());
            }
        }

        /** The identifiers of the CAP messages every alert change of the feed should have. */
        static Set<String> expectedCapIdentifiers(List<Alert> alerts) {
            Set<String> expected = new HashSet<>();
            for (Alert alert : alerts) {
                if (alert.scenario != Scenario.device) {
                    expected.add(alert.alertId + "-v" + alert.version);
                }
            }
            return expected;
        }

        static Set<String> identifiers(List<CapMessage> messages) {
            Set<String> identifiers = new HashSet<>();
            messages.forEach(message -> identifiers.add(message.identifier()));
            return identifiers;
        }

        /** Whether every alert change read so far has its CAP message. */
        boolean capCaughtUp() {
            return identifiers(cap).containsAll(expectedCapIdentifiers(alerts));
        }
    }

    private static ObjectNode headers(Headers headers) {
        ObjectNode object = JSON.createObjectNode();
        for (Header header : headers) {
            object.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return object;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS(CAP, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    /**
     * Every alert change of the feed's scenarios has its CAP message and there is no other, and
     * each message's references are its alert's earlier versions, in order: Alert first, a Cancel
     * only last. Alerts and their CAP messages travel on two topics: this waits for a moment when
     * the two agree.
     */
    private static void assertTheCapFeedChainsEveryAlert(Outputs outputs)
            throws InterruptedException {
        List<List<?>> settled = new ArrayList<>();
        waitFor(
                Duration.ofSeconds(60),
                () -> {
                    List<Alert> alerts = List.copyOf(outputs.alerts);
                    List<CapMessage> cap = List.copyOf(outputs.cap);
                    settled.clear();
                    settled.add(alerts);
                    settled.add(cap);
                    return Outputs.identifiers(cap).equals(Outputs.expectedCapIdentifiers(alerts));
                });
        @SuppressWarnings("unchecked")
        List<Alert> alerts = (List<Alert>) settled.get(0);
        @SuppressWarnings("unchecked")
        List<CapMessage> cap = (List<CapMessage>) settled.get(1);
        assertThat(Outputs.identifiers(cap))
                .as("CAP messages of the alert changes")
                .isEqualTo(Outputs.expectedCapIdentifiers(alerts))
                .isNotEmpty();
        Map<String, Map<Integer, CapMessage>> byAlert = new TreeMap<>();
        for (CapMessage message : cap) {
            String[] id = message.identifier().split("-v");
            assertThat(message.key()).isEqualTo(id[0]);
            CapMessage before =
                    byAlert.computeIfAbsent(id[0], k -> new TreeMap<>())
                            .put(Integer.parseInt(id[1]), message);
            assertThat(before == null || before.equals(message))
                    .as("a message written twice is the same message: %s", message)
                    .isTrue();
        }
        for (Map<Integer, CapMessage> versions : byAlert.values()) {
            List<String> earlier = new ArrayList<>();
            int last = ((TreeMap<Integer, CapMessage>) versions).lastKey();
            for (Map.Entry<Integer, CapMessage> version : versions.entrySet()) {
                CapMessage message = version.getValue();
                assertThat(message.msgType())
                        .as("msgType of %s", message.identifier())
                        .isIn(
                                version.getKey() == 1
                                        ? List.of("Alert")
                                        : version.getKey() == last
                                                ? List.of("Update", "Cancel")
                                                : List.of("Update"));
                assertThat(
                                message.references() == null
                                        ? List.of()
                                        : List.of(message.references().split(" ")))
                        .as("references of %s", message.identifier())
                        .isEqualTo(earlier);
                earlier.add(message.reference());
            }
        }
    }

    @Test
    void everyInjectedScenarioComesBackOnTheAlertsTopic() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        GroundTruth truth = GroundTruth.of(settings);
        Outputs outputs = new Outputs();
        try (LiveCity city =
                        LiveCity.start(
                                options(
                                        SPEED,
                                        Map.of(
                                                "checkpoint-interval", "5s",
                                                "unknown-hold", "10s",
                                                "cloudevents-source", SOURCE)),
                                new Simulation(settings).registryLines());
                TopicFeed feed = TopicFeed.ofRecords(city.client(), TOPICS, outputs::accept)) {
            long sent =
                    new KafkaOutput(city.client(), SPEED, 0)
                            .send(new Simulation(settings), progress -> {});
            assertThat(sent).isGreaterThan(10_000);

            waitFor(
                    Duration.ofSeconds(120),
                    () ->
                            truth.compare(outputs.alerts).missed().isEmpty()
                                    && truth.compare(outputs.alerts).wrongLevel().isEmpty()
                                    && new TreeMap<>(outputs.deadLetters)
                                            .equals(truth.deadLetters())
                                    && outputs.capCaughtUp());
            GroundTruth.Comparison comparison = truth.compare(outputs.alerts);
            assertThat(comparison.describe()).isEmpty();
            assertThat(comparison.scenariosDetected(truth.alerts())).hasSize(Scenarios.ALL.size());
            assertThat(new TreeMap<>(outputs.deadLetters)).isEqualTo(truth.deadLetters());
            // counted before validated: a record may still be arriving
            long received = outputs.alerts.size() + deadLetterCount(outputs) + outputs.cap.size();
            assertThat(outputs.validated.get()).isGreaterThanOrEqualTo(received).isPositive();
            assertThat(outputs.invalid).as("records against their schema").isEmpty();
            assertTheCapFeedChainsEveryAlert(outputs);
        }
    }

    @Test
    void exactlyOnceAlertsAreCommittedOnceEach() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.duration = Duration.ofMinutes(35);
        settings.scenarios =
                List.of(
                        new SimulatorSettings.Planned(Scenarios.named("fire_confirmed"), 5),
                        new SimulatorSettings.Planned(Scenarios.named("gas_spread"), 10),
                        new SimulatorSettings.Planned(Scenarios.named("bridge_exceedance"), 12));
        GroundTruth truth = GroundTruth.of(settings);
        Outputs outputs = new Outputs();
        try (LiveCity city =
                        LiveCity.start(
                                options(
                                        EXACTLY_ONCE_SPEED,
                                        Map.of(
                                                "alerts-delivery", "exactly-once",
                                                "checkpoint-interval", "2s",
                                                "cloudevents-source", SOURCE)),
                                new Simulation(settings).registryLines());
                TopicFeed feed = TopicFeed.ofRecords(city.client(), TOPICS, outputs::accept)) {
            new KafkaOutput(city.client(), EXACTLY_ONCE_SPEED, 0)
                    .send(new Simulation(settings), progress -> {});
            waitFor(
                    Duration.ofSeconds(90),
                    () ->
                            truth.compare(outputs.alerts).exact()
                                    && new TreeMap<>(outputs.deadLetters)
                                            .equals(truth.deadLetters())
                                    && outputs.capCaughtUp());
            // a record dead-lettered late changes alerts: which one says more than the alerts do
            assertThat(new TreeMap<>(outputs.deadLetters)).isEqualTo(truth.deadLetters());
            assertThat(truth.compare(outputs.alerts).describe()).isEmpty();
            // let a few more checkpoints commit, then nothing may have come twice
            Thread.sleep(5_000);
            Set<String> versions = new HashSet<>();
            for (Alert alert : outputs.alerts) {
                assertThat(versions.add(alert.alertId + "/" + alert.version))
                        .as("alert %s version %d seen once", alert.alertId, alert.version)
                        .isTrue();
            }
            Set<String> capMessages = new HashSet<>();
            for (CapMessage message : outputs.cap) {
                assertThat(capMessages.add(message.identifier()))
                        .as("CAP message %s seen once", message.identifier())
                        .isTrue();
            }
            long received = outputs.alerts.size() + deadLetterCount(outputs) + outputs.cap.size();
            assertThat(outputs.validated.get()).isGreaterThanOrEqualTo(received).isPositive();
            assertThat(outputs.invalid).as("records against their schema").isEmpty();
            assertTheCapFeedChainsEveryAlert(outputs);
        }
    }

    /** The run's options: event time scaled to the city's speed, partitions idle after 2 s. */
    private static Map<String, String> options(double speed, Map<String, String> others) {
        Map<String, String> options = new HashMap<>(LiveCity.eventTimeOptions(speed, IDLENESS));
        options.putAll(others);
        return options;
    }

    private static long deadLetterCount(Outputs outputs) {
        return outputs.deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void waitFor(Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }
}
