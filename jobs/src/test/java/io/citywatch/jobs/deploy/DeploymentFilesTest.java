package io.citywatch.jobs.deploy;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.cli.RunCommand;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.Settings;
import io.citywatch.simulator.cli.SimulateCommand;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.runtime.util.EnvironmentInformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and deploy/k8s say what the code says: the jar the build makes, the entry
 * classes, the topic names and layout, option keys the job knows, and versions of Flink and Kafka.
 */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of(System.getProperty("citywatch.root", ".."));
    private static final String JOB_JAR =
            System.getProperty("citywatch.jobJar", "citywatch-jobs-0.1.0-SNAPSHOT-job.jar");
    private static final String SIMULATOR_JAR =
            JOB_JAR.replace("citywatch-jobs-", "citywatch-simulator-")
                    .replace("-job.jar", "-cli.jar");

    private static JsonNode yaml(String file) throws IOException {
        return YAML.readTree(ROOT.resolve(file).toFile());
    }

    private static List<JsonNode> yamlDocuments(String file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(ROOT.resolve(file).toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static String text(JsonNode node) {
        List<String> parts = new ArrayList<>();
        node.forEach(n -> parts.add(n.asText()));
        return node.isArray() ? String.join(" ", parts) : node.asText();
    }

    @Test
    void composeRunsTheBuiltJarWithItsEntryClasses() throws IOException {
        JsonNode services = yaml("docker-compose.yml").get("services");
        assertThat(iterable(services.fieldNames()))
                .contains(
                        "kafka",
                        "kafka-topics",
                        "influxdb",
                        "grafana",
                        "jobmanager",
                        "taskmanager",
                        "simulator");
        for (String service : List.of("jobmanager", "taskmanager")) {
            assertThat(text(services.get(service).get("volumes")))
                    .as(service + " mounts the shaded jar")
                    .contains("./jobs/target/" + JOB_JAR + ":");
        }
        // the job jar carries no simulator: the simulator runs from its own jar
        assertThat(text(services.get("simulator").get("volumes")))
                .contains("./simulator/target/" + SIMULATOR_JAR + ":");
        String jobmanager = text(services.get("jobmanager").get("command"));
        assertThat(jobmanager)
                .startsWith("standalone-job --job-classname " + RunCommand.class.getName())
                .contains(" -- --config /opt/citywatch/run.properties");
        assertThat(text(services.get("simulator").get("entrypoint")))
                .endsWith(SimulateCommand.class.getName());
        Set<String> simulateOptions = new HashSet<>();
        new CommandLine(new SimulateCommand())
                .getCommandSpec()
                .options()
                .forEach(option -> simulateOptions.addAll(List.of(option.names())));
        List<String> simulate = new ArrayList<>();
        services.get("simulator").get("command").forEach(n -> simulate.add(n.asText()));
        assertThat(simulate).contains("--bootstrap-servers");
        for (String arg : simulate) {
            if (arg.startsWith("--")) {
                assertThat(simulateOptions).as(arg).contains(arg);
            }
        }
        for (String service : List.of("kafka", "influxdb", "grafana", "jobmanager")) {
            assertThat(services.get(service).has("healthcheck")).as(service).isTrue();
        }
        JsonNode jobDependsOn = services.get("jobmanager").get("depends_on");
        assertThat(jobDependsOn.get("kafka-topics").get("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(jobDependsOn.get("influxdb").get("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void versionsMatchTheBuild() throws IOException {
        String flink = EnvironmentInformation.getVersion();
        String kafka = AppInfoParser.getVersion();
        JsonNode services = yaml("docker-compose.yml").get("services");
        for (String service : List.of("jobmanager", "taskmanager", "simulator")) {
            assertThat(services.get(service).get("image").asText())
                    .as(service)
                    .startsWith("flink:" + flink + "-");
        }
        assertThat(services.get("kafka").get("image").asText()).isEqualTo("apache/kafka:" + kafka);
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM flink:" + flink + "-")
                .contains("COPY jobs/target/" + JOB_JAR + " /opt/flink/usrlib/" + JOB_JAR);
        String[] majorMinor = flink.split("\\.");
        assertThat(flinkDeployment().get("spec").get("flinkVersion").asText())
                .isEqualTo("v" + majorMinor[0] + "_" + majorMinor[1]);
    }

    @Test
    void localClusterRunsTheBuiltJarOnFlinksOwnEntryClasses() throws Exception {
        String script = Files.readString(ROOT.resolve("deploy/local-cluster/local-cluster"));
        assertThat(script)
                .contains("/jobs/target/" + JOB_JAR + "\"")
                .contains("-c " + RunCommand.class.getName() + " ");
        // the classpath file that jobs/pom.xml writes at package time
        assertThat(Files.readString(ROOT.resolve("jobs/pom.xml")))
                .contains("${project.build.directory}/flink-cluster.classpath");
        assertThat(script).contains("/jobs/target/flink-cluster.classpath\"");
        Matcher entry = Pattern.compile("org\\.apache\\.flink\\.[\\w.]+").matcher(script);
        List<String> classes = new ArrayList<>();
        while (entry.find()) {
            classes.add(entry.group());
        }
        assertThat(classes)
                .contains(
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "org.apache.flink.client.cli.CliFrontend",
                        "org.apache.flink.runtime.util.bash.BashJavaUtils");
        for (String name : classes) {
            Class.forName(name, false, getClass().getClassLoader());
        }
    }

    @Test
    void composeCreatesTheTopicsOfTheCodeWithTheirLayout() throws IOException {
        String script =
                text(yaml("docker-compose.yml").get("services").get("kafka-topics").get("command"));
        Matcher topic =
                Pattern.compile(
                                "--topic (\\S+) --partitions (\\d+)( --config cleanup.policy=compact)?")
                        .matcher(script);
        Map<String, CityTopics.Spec> created = new TreeMap<>();
        while (topic.find()) {
            created.put(
                    topic.group(1),
                    new CityTopics.Spec(
                            topic.group(1),
                            Integer.parseInt(topic.group(2)),
                            topic.group(3) != null,
                            CityTopics.spec(topic.group(1)).key()));
        }
        Map<String, CityTopics.Spec> expected = new TreeMap<>();
        CityTopics.ALL.forEach(spec -> expected.put(spec.name(), spec));
        assertThat(created).isEqualTo(expected);
    }

    @Test
    void runSettingsUseKnownKeysAndTheCodesTopicNames() throws IOException {
        JsonNode configMap = k8s("ConfigMap").get("data");
        Map<String, String> files =
                Map.of(
                        "deploy/citywatch/run.properties",
                        Files.readString(ROOT.resolve("deploy/citywatch/run.properties")),
                        "ConfigMap run.properties",
                        configMap.get("run.properties").asText());
        Set<String> known = new HashSet<>();
        for (ConfigOption<?> option : CityWatchOptions.JOB) {
            known.add(option.key());
        }
        for (ConfigOption<?> option : CityWatchOptions.KAFKA) {
            known.add(option.key());
        }
        Map<String, String> topicDefaults = new HashMap<>();
        for (ConfigOption<?> option : CityWatchOptions.KAFKA) {
            if (option.key().startsWith("topic.")) {
                topicDefaults.put(option.key(), String.valueOf(option.defaultValue()));
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Map<String, String> values = properties(file.getValue());
            for (String key : values.keySet()) {
                assertThat(known.contains(key) || key.startsWith("influx."))
                        .as(file.getKey() + ": " + key + " is an option of the job")
                        .isTrue();
            }
            topicDefaults.forEach(
                    (key, name) ->
                            assertThat(values.get(key))
                                    .as(file.getKey() + " " + key)
                                    .isEqualTo(name));
            assertThat(topicDefaults.values()).containsExactlyInAnyOrderElementsOf(topicNames());
            // the values parse and pass the job's own checks
            Settings settings = Settings.of(values);
            settings.jobSettings();
            settings.kafkaTopics(new Properties());
        }
    }

    @Test
    void flinkDeploymentRunsTheJarFromTheConfigMapWithSavepointUpgrades() throws IOException {
        JsonNode spec = flinkDeployment().get("spec");
        JsonNode job = spec.get("job");
        assertThat(job.get("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/" + JOB_JAR);
        assertThat(job.get("entryClass").asText()).isEqualTo(RunCommand.class.getName());
        assertThat(job.get("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(text(job.get("args"))).isEqualTo("--config /opt/citywatch/conf/run.properties");
        JsonNode flinkConfig = spec.get("flinkConfiguration");
        for (String key :
                List.of(
                        "execution.checkpointing.interval",
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "state.backend.type")) {
            assertThat(flinkConfig.has(key)).as(key).isTrue();
        }
        assertThat(spec.get("jobManager").get("resource").has("memory")).isTrue();
        assertThat(spec.get("taskManager").get("resource").has("memory")).isTrue();

        JsonNode container = spec.get("podTemplate").get("spec").get("containers").get(0);
        String secretName = k8s("Secret").get("metadata").get("name").asText();
        assertThat(container.get("envFrom").get(0).get("secretRef").get("name").asText())
                .isEqualTo(secretName);
        String configMapName = k8s("ConfigMap").get("metadata").get("name").asText();
        boolean mounted = false;
        for (JsonNode volume : spec.get("podTemplate").get("spec").get("volumes")) {
            if (volume.has("configMap")
                    && volume.get("configMap").get("name").asText().equals(configMapName)) {
                for (JsonNode mount : container.get("volumeMounts")) {
                    if (mount.get("name").asText().equals(volume.get("name").asText())) {
                        mounted = mount.get("mountPath").asText().equals("/opt/citywatch/conf");
                    }
                }
            }
        }
        assertThat(mounted).as("the ConfigMap is mounted where --config points").isTrue();
    }

    @Test
    void everySecretTheClientPropertiesNameIsInTheSecret() throws IOException {
        String client = k8s("ConfigMap").get("data").get("kafka-client.properties").asText();
        Matcher reference = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(client);
        JsonNode secret = k8s("Secret").get("stringData");
        int references = 0;
        while (reference.find()) {
            references++;
            assertThat(secret.has(reference.group(1))).as(reference.group(1)).isTrue();
        }
        assertThat(references).isPositive();
        assertThat(client).doesNotContainPattern("password=\"[^$]");
    }

    private static JsonNode flinkDeployment() throws IOException {
        return yaml("deploy/k8s/flinkdeployment.yaml");
    }

    private static JsonNode k8s(String kind) throws IOException {
        try (var files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode document : yamlDocuments(ROOT.relativize(file).toString())) {
                    if (kind.equals(document.path("kind").asText())) {
                        return document;
                    }
                }
            }
        }
        throw new AssertionError("no " + kind + " in deploy/k8s");
    }

    private static Map<String, String> properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    private static List<String> topicNames() {
        return List.of(
                CityTopics.READINGS,
                CityTopics.INCIDENTS,
                CityTopics.REGISTRY,
                CityTopics.ALERT_ACTIONS,
                CityTopics.ALERTS,
                CityTopics.DEADLETTER,
                CityTopics.ALERTS_CAP);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
