package io.citywatch.bench;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.model.Reading;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Figure 1, the physical limit here: one thread, a plain KafkaConsumer poll loop and the job's own
 * parse and validation ({@link ReadingCodec}) into the reading model, over the same records.
 */
final class IngestCeiling {
    private IngestCeiling() {}

    static Rate run(String bootstrapServers, String topic, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long records = 0;
        long accepted = 0;
        long start = 0;
        long end = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (records < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "ingest ceiling: " + records + " of " + expected + " in 10 minutes");
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                if (start == 0) {
                    start = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    Parsed<Reading> reading = ReadingCodec.decode(text);
                    if (reading.isOk()) {
                        accepted++;
                    }
                    records++;
                }
                end = System.nanoTime();
            }
        }
        if (accepted == 0) {
            throw new IllegalStateException("ingest ceiling: no reading parsed");
        }
        return Rate.between(records, start, end);
    }
}
