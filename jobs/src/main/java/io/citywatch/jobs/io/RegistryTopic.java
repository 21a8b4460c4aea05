package io.citywatch.jobs.io;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.model.RegistryUpdate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads the registry topic to its end, as the job does before it starts. */
public final class RegistryTopic {
    /** How long the registry may take to read before the start is given up with an error. */
    static final Duration READ_LIMIT = Duration.ofMinutes(10);

    private static final Duration METADATA_WAIT = Duration.ofSeconds(15);

    private RegistryTopic() {}

    /** Reads the topic to its end wherever it is called: on a TaskManager, as an operator opens. */
    public record Reader(String bootstrapServers, Properties client, String topic)
            implements RegistryBacklog.Source {
        @Override
        public RegistryBacklog read() {
            return readToEnd(bootstrapServers, client, topic);
        }
    }

    public static RegistryBacklog readToEnd(
            String bootstrapServers, Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "citywatch-registry-at-start");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = partitions(consumer, bootstrapServers, topic);
            if (infos.isEmpty()) {
                throw new IllegalStateException(
                        "the registry topic "
                                + topic
                                + " does not exist on "
                                + bootstrapServers
                                + "; create the city's topics first (deploy/README.md)");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<RegistryUpdate> updates = new ArrayList<>();
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the registry topic "
                                    + topic
                                    + " could not be read to its end ("
                                    + end
                                    + ") within "
                                    + READ_LIMIT.toMinutes()
                                    + " minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(topic, record.partition()))) {
                        continue;
                    }
                    // broken records are left to the job, which dead-letters them as it reads
                    Parsed<RegistryUpdate> update =
                            RegistryRecords.decode(KafkaTopics.RawRecords.text(record, true));
                    if (update.isOk()) {
                        updates.add(update.value());
                    }
                }
            }
            Map<Integer, Long> endPositions = new HashMap<>();
            end.forEach((partition, offset) -> endPositions.put(partition.partition(), offset));
            return new RegistryBacklog(updates, endPositions);
        }
    }

    /**
     * The topic's partitions; none when it does not exist. A topic created a moment ago may not be
     * in the metadata a broker serves yet: asked again for a while before it counts as missing.
     */
    private static List<PartitionInfo> partitions(
            KafkaConsumer<byte[], byte[]> consumer, String bootstrapServers, String topic) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, Duration.ofMinutes(1));
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "cannot read the registry topic "
                                + topic
                                + " from "
                                + bootstrapServers
                                + " within 1 minute: "
                                + e.getMessage());
            }
            if ((infos != null && !infos.isEmpty()) || System.nanoTime() > deadline) {
                return infos == null ? List.of() : infos;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }
}
