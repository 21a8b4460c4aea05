package io.citywatch.jobs.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded jar that {@code flink run} takes holds what runs on a cluster and nothing of the
 * launcher: no simulator, demo, local influxd, in-process broker or benchmark. Runs after {@code
 * package}, on the jar the build made.
 */
class JobJarContentITCase {
    private static final Path JAR =
            Path.of(
                    System.getProperty(
                            "citywatch.jobJarPath",
                            "target/citywatch-jobs-0.1.0-SNAPSHOT-job.jar"));

    /** Entries of launcher-only code, by path prefix. */
    private static final List<String> LAUNCHER_ONLY =
            List.of(
                    "io/citywatch/simulator/", // the simulator
                    "io/citywatch/launcher/", // bin/citywatch: the demo and its printing
                    "io/citywatch/influxd/", // LocalInfluxd
                    "io/citywatch/kafka/", // EmbeddedKafka
                    "io/citywatch/bench/", // the benchmarks
                    "kafka/server/", // the Kafka broker itself (kafka/ also holds the client's
                    "kafka/log/", // version properties)
                    "kafka/cluster/",
                    "demo/", // the demo's data
                    "org/apache/kafka/common/test/", // Kafka's test kit
                    "scala/", // the broker's Scala library
                    "org/openjdk/jmh/",
                    "org/rocksdb/");

    /** Launcher classes by name, wherever they might be packaged. */
    private static final List<String> LAUNCHER_CLASSES =
            List.of(
                    "DemoCommand",
                    "LiveCity",
                    "SimulateCommand",
                    "LocalInfluxd",
                    "EmbeddedKafka",
                    "CityWatchCli",
                    "AlertLine",
                    "TopicFeed");

    @Test
    void theJobJarHoldsTheJobAndNothingOfTheLauncher() throws IOException {
        assertThat(JAR).as("the job jar (mvn package makes it)").isRegularFile();
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries)
                .as("what a cluster runs")
                .contains(
                        "io/citywatch/jobs/cli/RunCommand.class",
                        "io/citywatch/jobs/cli/Replay.class",
                        "io/citywatch/jobs/CityWatchJob.class",
                        "io/citywatch/common/codec/ReadingCodec.class",
                        "org/apache/flink/connector/kafka/source/KafkaSource.class",
                        "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                        "com/influxdb/client/write/Point.class",
                        "io/citywatch/jobs/cap/CapFeed.class",
                        "io/cloudevents/kafka/KafkaMessageFactory.class",
                        "io/cloudevents/core/builder/CloudEventBuilder.class",
                        "picocli/CommandLine.class");
        List<String> launcherOnly =
                entries.stream().filter(JobJarContentITCase::isLauncherOnly).toList();
        assertThat(launcherOnly).as("launcher-only entries in the job jar").isEmpty();
    }

    private static boolean isLauncherOnly(String entry) {
        return LAUNCHER_ONLY.stream().anyMatch(entry::startsWith)
                || LAUNCHER_CLASSES.stream()
                        .anyMatch(
                                name ->
                                        entry.endsWith("/" + name + ".class")
                                                || entry.contains("/" + name + "$"));
    }
}
