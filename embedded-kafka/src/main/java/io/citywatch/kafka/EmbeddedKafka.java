package io.citywatch.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A one-node KRaft Kafka broker (combined controller and broker) started in-process from Kafka's
 * own jars, on a free port with a temporary log folder: for tests and the demo, where no Docker
 * engine exists. {@link #close()} stops it and deletes its folder.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** A single node: every internal topic with one replica. */
    static final Map<String, String> SINGLE_NODE =
            Map.of(
                    "offsets.topic.replication.factor", "1",
                    "offsets.topic.num.partitions", "3",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "transaction.state.log.num.partitions", "3",
                    "share.coordinator.state.topic.replication.factor", "1",
                    "share.coordinator.state.topic.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    // topics are created with their layout; a misspelt name must fail, not appear
                    "auto.create.topics.enable", "false");

    private final KafkaClusterTestKit cluster;
    private final Path folder;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Path folder) {
        this.cluster = cluster;
        this.folder = folder;
    }

    public static EmbeddedKafka start() throws Exception {
        return start(Map.of());
    }

    /** Starts a broker with {@code overrides} on top of the single-node settings. */
    public static EmbeddedKafka start(Map<String, String> overrides) throws Exception {
        Path folder = Files.createTempDirectory("citywatch-kafka");
        Map<String, String> config = new LinkedHashMap<>(SINGLE_NODE);
        config.putAll(overrides);
        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .setBaseDirectory(folder)
                                            .build())
                            .setDeleteOnClose(true);
            config.forEach(builder::setConfigProp);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster, folder);
        } catch (Exception e) {
            if (cluster != null) {
                cluster.close();
            }
            deleteFolder(folder);
            throw e;
        }
    }

    /** Formats the log folder; Kafka's formatter prints its metadata on stdout, which we hide. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        synchronized (System.class) {
            PrintStream stdout = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                cluster.format();
            } finally {
                System.setOut(stdout);
            }
        }
    }

    /** host:port of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            deleteFolder(folder);
        }
    }

    private static void deleteFolder(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is not worth failing a shutdown for
        }
    }
}
