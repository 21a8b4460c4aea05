package io.citywatch.simulator;

import io.citywatch.common.topic.CityTopics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends a simulation to Kafka, paced: simulated time runs {@code speed} times faster than the wall
 * clock (0: as fast as possible) and no faster than {@code maxRate} records per second (0: no
 * limit). Reports progress about once a second.
 */
public final class KafkaOutput {
    /** Where the simulator stands. */
    public record Progress(long records, double perSecond, long simTs, long endTs, boolean done) {}

    private final Properties client;
    private final Map<SimRecord.Stream, String> topics = new EnumMap<>(SimRecord.Stream.class);
    private final double speed;
    private final double maxRate;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaOutput(Properties client, double speed, double maxRate) {
        this.client = client;
        this.speed = speed;
        this.maxRate = maxRate;
        topics.put(SimRecord.Stream.REGISTRY, CityTopics.REGISTRY);
        topics.put(SimRecord.Stream.READINGS, CityTopics.READINGS);
        topics.put(SimRecord.Stream.INCIDENTS, CityTopics.INCIDENTS);
    }

    /** Sends to another topic name for one input. */
    public KafkaOutput topic(SimRecord.Stream stream, String name) {
        topics.put(stream, name);
        return this;
    }

    /** Asks a running {@link #send} to stop after the current record. */
    public void stop() {
        stop.set(true);
    }

    /** Sends every record (until {@link #stop}); returns the number sent. */
    public long send(Simulation simulation, Consumer<Progress> progress)
            throws InterruptedException {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "citywatch-simulator");
        long simStart = simulation.settings().startMs();
        long simEnd = simulation.settings().endMs();
        long wallStart = System.nanoTime();
        long lastReport = wallStart;
        long sent = 0;
        long sentAtLastReport = 0;
        long simTs = simStart;
        try (Producer<String, String> producer = new KafkaProducer<>(props)) {
            while (simulation.hasNext() && !stop.get()) {
                SimRecord record = simulation.next();
                simTs = Math.max(simTs, record.emitTs());
                pace(wallStart, simTs - simStart, sent);
                producer.send(
                        new ProducerRecord<>(
                                topics.get(record.stream()), record.key(), record.value()),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                sent++;
                if (failure.get() != null) {
                    throw new IllegalStateException(
                            "Kafka rejected a record: " + failure.get().getMessage(),
                            failure.get());
                }
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    double rate = (sent - sentAtLastReport) * 1e9 / (now - lastReport);
                    progress.accept(new Progress(sent, rate, simTs, simEnd, false));
                    lastReport = now;
                    sentAtLastReport = sent;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "Kafka rejected a record: " + failure.get().getMessage(), failure.get());
        }
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        progress.accept(new Progress(sent, sent / Math.max(seconds, 1e-3), simTs, simEnd, true));
        return sent;
    }

    private void pace(long wallStart, long simElapsedMs, long sent) throws InterruptedException {
        long dueNanos = 0;
        if (speed > 0) {
            dueNanos = (long) (simElapsedMs * 1_000_000 / speed);
        }
        if (maxRate > 0) {
            dueNanos = Math.max(dueNanos, (long) (sent * 1e9 / maxRate));
        }
        long waitNanos = wallStart + dueNanos - System.nanoTime();
        if (waitNanos > 1_000_000) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }
}
