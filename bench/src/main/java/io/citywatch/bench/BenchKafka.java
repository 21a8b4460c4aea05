package io.citywatch.bench;

import io.citywatch.common.topic.CityTopics;
import io.citywatch.kafka.EmbeddedKafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/** The local embedded broker and the topics of one benchmark run. */
public final class BenchKafka implements AutoCloseable {
    private final EmbeddedKafka broker;

    private BenchKafka(EmbeddedKafka broker) {
        this.broker = broker;
    }

    public static BenchKafka start() throws Exception {
        return new BenchKafka(EmbeddedKafka.start());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * The topics of docs/contract.md §2-3 under {@code prefix}, in the production layout (readings
     * on 12 partitions, …): the figures are of the job as it runs there.
     */
    public Topics createTopics(String prefix) throws Exception {
        Topics topics = new Topics(prefix);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        List<NewTopic> created = new ArrayList<>();
        for (CityTopics.Spec spec : CityTopics.ALL) {
            created.add(
                    new NewTopic(topics.named(spec.name()), spec.partitions(), (short) 1)
                            .configs(CityTopics.configs(spec)));
        }
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(created).all().get();
            awaitLeaders(admin, created.stream().map(NewTopic::name).toList());
        }
        return topics;
    }

    /**
     * Until every partition of the new topics has its leader, for at most a minute. A broker learns
     * of topics it has just created asynchronously: until then it answers that it does not know
     * them, which here means "not yet".
     */
    private static void awaitLeaders(Admin admin, List<String> names) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (!haveLeaders(admin, names)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no leader for every partition of " + names);
            }
            Thread.sleep(100);
        }
    }

    private static boolean haveLeaders(Admin admin, List<String> names) throws Exception {
        try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .flatMap(topic -> topic.partitions().stream())
                    .allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    public KafkaProducer<String, String> producer(int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        // one request in flight, so a batch retried (NOT_LEADER_OR_FOLLOWER) cannot land behind
        // the next one: with five, the records of a partition came out of order and the job
        // rightly dead-lettered them late (acks=1 turns idempotence off)
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        // as the simulator sends: readers pay for decompression, like in production
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props);
    }

    /** Writes every reading and incident of {@code data}, in order; waits for all acks. */
    public void load(Topics topics, BenchData data) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = producer(20)) {
            for (int i = 0; i < data.size(); i++) {
                producer.send(
                        new ProducerRecord<>(
                                topics.readings, data.readingKeys[i], data.readingValues[i]),
                        (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            for (var incident : data.incidents) {
                producer.send(
                        new ProducerRecord<>(topics.incidents, incident.key(), incident.value()));
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot load the broker", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }

    /** Topic names of one run. */
    public static final class Topics {
        public final String readings;
        public final String incidents;
        public final String registry;
        public final String actions;
        public final String alerts;
        public final String deadletter;
        public final String alertsCap;

        Topics(String prefix) {
            readings = prefix + ".readings";
            incidents = prefix + ".incidents";
            registry = prefix + ".registry";
            actions = prefix + ".alert-actions";
            alerts = prefix + ".alerts";
            deadletter = prefix + ".deadletter";
            alertsCap = prefix + ".alerts.cap";
        }

        /** This run's name of a city topic. */
        String named(String cityTopic) {
            return switch (cityTopic) {
                case CityTopics.READINGS -> readings;
                case CityTopics.INCIDENTS -> incidents;
                case CityTopics.REGISTRY -> registry;
                case CityTopics.ALERT_ACTIONS -> actions;
                case CityTopics.ALERTS -> alerts;
                case CityTopics.DEADLETTER -> deadletter;
                case CityTopics.ALERTS_CAP -> alertsCap;
                default -> throw new IllegalArgumentException("no city topic " + cityTopic);
            };
        }
    }
}
