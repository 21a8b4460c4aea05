package io.citywatch.jobs.cli;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.Repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code citywatch replay --cap-out}: a fire scenario's CAP 1.2 messages, valid against the OASIS
 * schema, one per alert version in the lifecycle's order, each referencing every earlier version of
 * its alert, and the same bytes on every replay.
 */
class CapReplayITCase {
    private static final String CAP = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path folder;

    /** One CAP message, read back. */
    private record Message(
            String identifier,
            String sender,
            String sent,
            String status,
            String msgType,
            List<String> references,
            String incidents,
            String language) {

        String reference() {
            return sender + "," + identifier + "," + sent;
        }
    }

    private record Replayed(List<String> alertLines, List<String> capLines, String summary) {}

    private Replayed replay(String scenario, String name, String... options) throws Exception {
        Path sample = SamplesReplayITCase.scenario(scenario);
        Path alerts = folder.resolve(name + ".alerts.jsonl");
        Path cap = folder.resolve(name + ".cap.xml");
        List<String> args = new ArrayList<>();
        for (String input : List.of("registry", "readings", "incidents", "actions")) {
            Path file = sample.resolve(input + ".jsonl");
            if (Files.exists(file)) {
                args.addAll(List.of("--" + input, file.toString()));
            }
        }
        args.addAll(List.of("--alerts-out", alerts.toString(), "--cap-out", cap.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int code = ReplayCommand.run(args, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(code).as("exit code of replay %s", args).isZero();
        return new Replayed(
                Files.readAllLines(alerts, StandardCharsets.UTF_8),
                Files.readAllLines(cap, StandardCharsets.UTF_8),
                console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFireScenarioGivesValidCapMessagesThatFollowTheLifecycleAndTheSameBytesTwice()
            throws Exception {
        Replayed first = replay("fire_two_detectors", "first");
        Replayed second = replay("fire_two_detectors", "second");

        assertThat(Files.readAllBytes(folder.resolve("second.cap.xml")))
                .isEqualTo(Files.readAllBytes(folder.resolve("first.cap.xml")));
        assertThat(second.alertLines()).isEqualTo(first.alertLines());
        assertThat(first.summary()).contains("first.cap.xml (5 CAP)");

        Map<String, List<Message>> byAlert = checkAgainstTheAlerts(first);
        // fire.confirmed: opened, escalated after 5 min unanswered, cleared; the detector alarm:
        // opened and cleared
        assertThat(byAlert.values())
                .extracting(messages -> messages.stream().map(Message::msgType).toList())
                .containsExactlyInAnyOrder(
                        List.of("Alert", "Update", "Cancel"), List.of("Alert", "Cancel"));
        for (List<Message> messages : byAlert.values()) {
            assertThat(messages)
                    .allSatisfy(
                            message -> {
                                assertThat(message.sender()).isEqualTo("citywatch.example");
                                assertThat(message.status()).isEqualTo("Actual");
                                assertThat(message.language()).isEqualTo("en");
                                assertThat(message.sent()).endsWith("+08:00");
                            });
        }
        assertTheContractsWorkedExampleIsWhatTheReplayWrote(first);
    }

    /** The worked example of docs/contract.md §3.1b is what the replay writes, byte for byte. */
    private static void assertTheContractsWorkedExampleIsWhatTheReplayWrote(Replayed replayed)
            throws Exception {
        String contract = Files.readString(Repository.file("docs/contract.md"));
        Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(contract);
        List<String> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(block.group(1).trim().replaceAll(">\\s+<", "><"));
        }
        List<String> written =
                replayed.capLines().stream()
                        .filter(line -> line.contains("562a30457cdb71b725d1bc914d0f4890"))
                        .map(line -> line.substring(line.indexOf("<alert ")))
                        .toList();

        assertThat(written).hasSize(3);
        assertThat(examples).isEqualTo(written);
    }

    @Test
    void operatorActionsAreUpdatesAndAResolutionCancels() throws Exception {
        Replayed replayed = replay("dead_letter_reasons", "actions");

        Map<String, List<Message>> byAlert = checkAgainstTheAlerts(replayed);
        assertThat(byAlert).containsOnlyKeys("b2830bed979374ed0bb30b0e929b78b4");
        assertThat(byAlert.get("b2830bed979374ed0bb30b0e929b78b4"))
                .extracting(Message::msgType)
                .containsExactly("Alert", "Update", "Cancel");
    }

    @Test
    void theOptionsReachTheMessages() throws Exception {
        Replayed replayed =
                replay(
                        "fire_two_detectors",
                        "drill",
                        "--locale",
                        "zh-CN",
                        "--cap-status",
                        "Exercise",
                        "--cap-sender",
                        "cq-119.example");

        Map<String, List<Message>> byAlert = checkAgainstTheAlerts(replayed);
        assertThat(byAlert.values().stream().flatMap(List::stream))
                .hasSize(5)
                .allSatisfy(
                        message -> {
                            assertThat(message.language()).isEqualTo("zh-CN");
                            assertThat(message.status()).isEqualTo("Exercise");
                            assertThat(message.sender()).isEqualTo("cq-119.example");
                        });
        assertThat(String.join("\n", replayed.capLines())).contains("<event>火灾</event>");

        Replayed none = replay("fire_two_detectors", "none", "--cap-scenarios", "geohazard,flood");
        assertThat(none.capLines()).isEmpty();
        assertThat(none.alertLines()).hasSize(5);
    }

    /**
     * Every message is valid and belongs to one alert change, in the changelog's order: Alert for
     * version 1, Cancel for an ending, Update between, and references to every earlier version.
     */
    private static Map<String, List<Message>> checkAgainstTheAlerts(Replayed replayed)
            throws Exception {
        assertThat(replayed.capLines()).hasSameSizeAs(replayed.alertLines()).isNotEmpty();
        Map<String, List<Message>> byAlert = new LinkedHashMap<>();
        for (int i = 0; i < replayed.capLines().size(); i++) {
            String xml = replayed.capLines().get(i);
            assertThat(ContractSchemas.capViolations(xml)).as(xml).isEmpty();
            Message message = read(xml);
            JsonNode alert = JSON.readTree(replayed.alertLines().get(i));
            String alertId = alert.path("alertId").asText();
            int version = alert.path("version").asInt();
            String status = alert.path("status").asText();

            assertThat(message.identifier()).isEqualTo(alertId + "-v" + version);
            assertThat(message.incidents()).isEqualTo(alertId);
            assertThat(message.msgType())
                    .as("msgType of %s (%s)", message.identifier(), status)
                    .isEqualTo(
                            switch (status) {
                                case "resolved", "cleared", "false_alarm" -> "Cancel";
                                default -> version == 1 ? "Alert" : "Update";
                            });
            List<Message> earlier = byAlert.computeIfAbsent(alertId, id -> new ArrayList<>());
            assertThat(earlier).as("versions before %s", message.identifier()).hasSize(version - 1);
            assertThat(message.references())
                    .as("references of %s", message.identifier())
                    .containsExactlyElementsOf(earlier.stream().map(Message::reference).toList());
            earlier.add(message);
        }
        return byAlert;
    }

    private static Message read(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document =
                factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        String references = text(document, "references");
        return new Message(
                text(document, "identifier"),
                text(document, "sender"),
                text(document, "sent"),
                text(document, "status"),
                text(document, "msgType"),
                references == null ? List.of() : Stream.of(references.split(" ")).toList(),
                text(document, "incidents"),
                text(document, "language"));
    }

    private static String text(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS(CAP, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
