package io.citywatch.jobs.reliability;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.cli.ReplayCommand;
import io.citywatch.jobs.testing.InfluxServer;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.Scenario;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known secrets (a SASL password in the Kafka properties, INFLUX_PASSWORD, INFLUX_TOKEN) never show
 * up in the logs at INFO, in error messages, in the execution plan or in what the REST API (and so
 * the web UI) shows of a running job.
 */
class SecretsITCase {
    static final String INFLUX_PASSWORD = "influx-pw-Q7x9secret";
    static final String INFLUX_TOKEN = "influx-token-Z3k8secret";

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    @TempDir Path folder;

    @Test
    void theSaslPasswordStaysOutOfLogsPlanAndRestApi(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        StringWriter logs = new StringWriter();
        try (TestBroker broker = TestBroker.start(true).withCityTopics();
                AutoCloseable capture = captureLogs(logs)) {
            broker.sendKeyed(CityTopics.REGISTRY, "rp-r", utf8(RIVER));
            broker.sendRaw(
                    CityTopics.READINGS,
                    List.of(utf8(reading(101.0, 0)), utf8(reading(101.5, 60)), utf8("not json")));
            KafkaJob job = new KafkaJob(broker, "citywatch-secrets");
            String plan = job.executionPlan();
            JobClient client = job.start("CityWatch secrets");
            StringBuilder rest = new StringBuilder();
            URI api = cluster.getRestAddress().get();
            // the REST API shows an empty plan while the job initialises: wait for the real one
            URI planUri = api.resolve("/jobs/" + client.getJobID() + "/plan");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!get(planUri).contains("readings") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            for (String path :
                    List.of(
                            "/jobs/" + client.getJobID(),
                            "/jobs/" + client.getJobID() + "/plan",
                            "/jobs/" + client.getJobID() + "/config",
                            "/jobmanager/config")) {
                rest.append(get(api.resolve(path)));
            }
            client.getJobExecutionResult().get(5, TimeUnit.MINUTES);
            rest.append(get(api.resolve("/jobs/" + client.getJobID() + "/exceptions")));

            assertThat(broker.readValues(CityTopics.DEADLETTER, false)).hasSize(1);
            assertThat(plan).contains("readings: decode").doesNotContain(TestBroker.PLAIN_PASSWORD);
            assertThat(rest.toString())
                    .contains("readings")
                    .doesNotContain(TestBroker.PLAIN_PASSWORD);
            // the capture works: the Kafka clients logged their configuration, password hidden
            assertThat(logs.toString())
                    .contains("sasl.jaas.config = [hidden]")
                    .doesNotContain(TestBroker.PLAIN_PASSWORD);
        }
    }

    @Test
    void influxSecretsFromTheEnvironmentStayOutOfTheOutput() throws Exception {
        Path readings = Files.writeString(folder.resolve("readings.jsonl"), reading(101, 0) + "\n");
        Path registry = Files.writeString(folder.resolve("registry.jsonl"), RIVER + "\n");
        try (InfluxServer influx = InfluxServer.start(folder.resolve("influx"))) {
            influx.execute("CREATE DATABASE citywatch");
            List<String> replay =
                    List.of(
                            "--readings",
                            readings.toString(),
                            "--registry",
                            registry.toString(),
                            "--alerts-out",
                            folder.resolve("alerts.jsonl").toString(),
                            "--influx-url",
                            influx.url());
            // v1 with user and password (influxd without auth accepts them): a working run
            Cli v1 =
                    cli(
                            Map.of("INFLUX_USER", "citywatch", "INFLUX_PASSWORD", INFLUX_PASSWORD),
                            concat(replay, "--influx-api", "v1", "--influx-db", "citywatch"));
            assertThat(v1.exit).as(v1.output).isZero();
            assertThat(v1.output).doesNotContain(INFLUX_PASSWORD);
            // v2 with a token against an InfluxDB 1.6 without the v2 API: a failing run, whose
            // error messages must not carry the token either
            Cli v2 =
                    cli(
                            Map.of("INFLUX_TOKEN", INFLUX_TOKEN),
                            concat(
                                    replay,
                                    "--influx-api",
                                    "v2",
                                    "--influx-org",
                                    "citywatch",
                                    "--influx-retry-max",
                                    "200ms"));
            assertThat(v2.output).contains("influx").doesNotContain(INFLUX_TOKEN);
        }
    }

    record Cli(int exit, String output) {}

    /** Runs {@code citywatch replay} in a JVM of its own with {@code env} and logs at INFO. */
    private Cli cli(Map<String, String> env, List<String> args) throws Exception {
        Path log4j =
                Files.writeString(
                        folder.resolve("log4j2-info.properties"),
                        String.join(
                                "\n",
                                "rootLogger.level = INFO",
                                "rootLogger.appenderRef.console.ref = console",
                                "appender.console.name = console",
                                "appender.console.type = Console",
                                "appender.console.layout.type = PatternLayout",
                                "appender.console.layout.pattern = %p %c - %m%n",
                                ""));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens")) {
                command.add(arg);
            }
        }
        command.add("-Dlog4j.configurationFile=" + log4j);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReplayCommand.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = folder.resolve("cli-" + System.nanoTime() + ".log");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the command line did not finish: " + Files.readString(out));
        }
        return new Cli(process.exitValue(), Files.readString(out));
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    /** Every log event of this JVM at INFO and above, into {@code into}, until closed. */
    private static AutoCloseable captureLogs(StringWriter into) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        WriterAppender appender =
                WriterAppender.createAppender(
                        PatternLayout.newBuilder().withPattern("%p %c - %m%n%ex").build(),
                        null,
                        into,
                        "secrets-capture",
                        false,
                        true);
        appender.start();
        List<String> names = List.of("org", "io", "kafka", "com");
        for (String name : names) {
            LoggerConfig logger = new LoggerConfig(name, Level.INFO, false);
            logger.addAppender(appender, Level.INFO, null);
            config.addLogger(name, logger);
        }
        context.updateLoggers();
        return () -> {
            for (String name : names) {
                config.removeLogger(name);
            }
            context.updateLoggers();
            appender.stop();
        };
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String reading(double value, int seconds) {
        return String.format(
                "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":%s,\"ts\":\"%s\"}",
                value, Scenario.T0.plusSeconds(seconds));
    }

    private static final String RIVER =
            "{\"riskPointId\":\"rp-r\",\"kind\":\"river_station\",\"name\":\"R\",\"district\":\"Yuzhong\","
                    + "\"lat\":29.56,\"lon\":106.55,\"reportingPeriodSec\":3600,"
                    + "\"devices\":[{\"deviceId\":\"lvl\",\"type\":\"water_level\"}],"
                    + "\"thresholds\":{\"flood.warning\":100.0}}";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
