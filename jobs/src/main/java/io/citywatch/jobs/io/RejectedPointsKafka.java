package io.citywatch.jobs.io;

import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.influx.RejectedPoints;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Production's channel for points InfluxDB rejected: dead letters on the dead-letter topic, sent
 * and acknowledged before the writer reports its request done.
 */
public class RejectedPointsKafka implements RejectedPoints {
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Properties clientProperties;
    private final String topic;
    private final CloudEventRecords<DeadLetter> records;

    private transient KafkaProducer<byte[], byte[]> producer;

    /** Dead letters as the job's dead-letter sink writes them, CloudEvents headers included. */
    public RejectedPointsKafka(
            String bootstrapServers,
            Properties clientProperties,
            String topic,
            URI cloudEventsSource) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = clientProperties;
        this.topic = topic;
        this.records = CloudEventRecords.deadLetters(topic, cloudEventsSource);
    }

    @Override
    public void open(int subtask) {
        Properties properties = RecordLimits.producer(clientProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "citywatch-influx-rejected-" + subtask);
        producer =
                new KafkaProducer<>(
                        properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void rejected(List<DeadLetter> letters) throws IOException {
        try {
            for (DeadLetter letter : letters) {
                producer.send(records.serialize(letter, null, null)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while dead-lettering rejected points", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot dead-letter rejected points to " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
