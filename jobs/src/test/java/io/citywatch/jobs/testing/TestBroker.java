package io.citywatch.jobs.testing;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.TopicSetup;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A one-node KRaft broker for reliability tests: like the project's {@code EmbeddedKafka}, but it
 * can be stopped and started again on the same port ({@link #restart}) and can require SASL/PLAIN
 * ({@link #PLAIN_USER}).
 */
public final class TestBroker implements AutoCloseable {
    /** The SASL/PLAIN super user of Kafka's test kit, and its password (a known secret). */
    public static final String PLAIN_USER = "plain-admin";

    public static final String PLAIN_PASSWORD = "plain-admin-secret";

    private final KafkaClusterTestKit cluster;
    private final Path folder;
    private final boolean sasl;

    private TestBroker(KafkaClusterTestKit cluster, Path folder, boolean sasl) {
        this.cluster = cluster;
        this.folder = folder;
        this.sasl = sasl;
    }

    public static TestBroker start() throws Exception {
        return start(false);
    }

    /** With {@code sasl}, clients must log in over SASL_PLAINTEXT with PLAIN. */
    public static TestBroker start(boolean sasl) throws Exception {
        Path folder = Files.createTempDirectory("citywatch-broker");
        TestKitNodes.Builder nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(folder);
        if (sasl) {
            nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
        }
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(nodes.build()).setDeleteOnClose(true);
        Map.of(
                        "offsets.topic.replication.factor", "1",
                        "offsets.topic.num.partitions", "1",
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1",
                        "transaction.state.log.num.partitions", "1",
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "false")
                .forEach(builder::setConfigProp);
        if (sasl) {
            // the controller listener stays PLAINTEXT: its (anonymous) broker must be allowed
            builder.setConfigProp("super.users", "User:" + PLAIN_USER + ";User:ANONYMOUS");
        }
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new TestBroker(cluster, folder, sasl);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Properties for any client of this broker (bootstrap and, with SASL, the login). */
    public Properties client() {
        Properties client = new Properties();
        client.putAll(clientSecurity());
        client.put("bootstrap.servers", bootstrapServers());
        return client;
    }

    /** Only the login properties, as the job's {@code kafka.properties-file} would hold them. */
    public Map<String, String> clientSecurity() {
        if (!sasl) {
            return Map.of();
        }
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\""
                                + PLAIN_USER
                                + "\" password=\""
                                + PLAIN_PASSWORD
                                + "\";");
    }

    /**
     * The topics of docs/contract.md §2-3 in their production layout (readings on 12 partitions,
     * …): event time, ordering and offsets are only proven on more than one partition.
     */
    public TestBroker withCityTopics() throws Exception {
        TopicSetup.ensure(client(), Integer.MAX_VALUE, (short) 1);
        return this;
    }

    /** More topics laid out like {@code like}, e.g. one alerts topic per run. */
    public void createTopics(String like, String... names) throws Exception {
        CityTopics.Spec spec = CityTopics.spec(like);
        try (Admin admin = Admin.create(client())) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(
                        new NewTopic(name, spec.partitions(), (short) 1)
                                .configs(CityTopics.configs(spec)));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** Sends the simulator's records to the city topics; returns how many went per topic. */
    public Map<String, Long> send(Iterable<SimRecord> records) {
        return send(records, "");
    }

    /** Sends to the city topics' names with {@code suffix} appended (topics of one test run). */
    public Map<String, Long> send(Iterable<SimRecord> records, String suffix) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (SimRecord record : records) {
                String topic =
                        switch (record.stream()) {
                                    case REGISTRY -> CityTopics.REGISTRY;
                                    case READINGS -> CityTopics.READINGS;
                                    case INCIDENTS -> CityTopics.INCIDENTS;
                                }
                                + suffix;
                producer.send(
                        new ProducerRecord<>(topic, utf8(record.key()), utf8(record.value())));
                counts.merge(topic, 1L, Long::sum);
            }
            producer.flush();
        }
        return counts;
    }

    /**
     * Sends raw values (any bytes) to one topic without a key, in order, and waits for every ack:
     * the producer spreads them over the topic's partitions.
     */
    public void sendRaw(String topic, List<byte[]> values) throws Exception {
        sendRaw(topic, null, values);
    }

    /** The same with one key, as one device's readings are sent: all to one partition. */
    public void sendRaw(String topic, String key, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (byte[] value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, utf8(key), value)));
            }
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /** Waits until group {@code group} has committed the end offset of every partition of topic. */
    public void awaitCommittedToEnd(String group, String topic, Duration timeout) throws Exception {
        try (Admin admin = Admin.create(client());
                KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                client(),
                                new ByteArrayDeserializer(),
                                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                var committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done =
                        partitions.stream()
                                .allMatch(
                                        p ->
                                                committed.get(p) != null
                                                        && committed.get(p).offset() >= end.get(p));
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            group + " did not commit " + topic + " to " + end + ": " + committed);
                }
                Thread.sleep(500);
            }
        }
    }

    /** Sends one keyed record (the compacted registry topic needs keys) and waits for its ack. */
    public void sendKeyed(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, utf8(key), value)).get();
        }
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties props = client();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(CityTopics.MAX_MESSAGE_BYTES));
        return new KafkaProducer<>(props);
    }

    /**
     * Every record of {@code topic} from its start to its end now; with {@code committed}, only
     * what committed transactions wrote (read_committed).
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean committed) {
        Properties props = client();
        props.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        props.put(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                committed ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 2 min");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** The values of {@link #readAll} as text. */
    public List<String> readValues(String topic, boolean committed) {
        return readAll(topic, committed).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** Stops the broker, keeps it down for {@code down}, starts it again on the same port. */
    public void restart(Duration down) throws Exception {
        BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        Thread.sleep(down.toMillis());
        broker.startup();
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.close();
        } finally {
            if (Files.exists(folder)) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
