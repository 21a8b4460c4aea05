package io.citywatch.jobs.io;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records without their event time as Kafka timestamp, so the producer stamps its own clock.
 * A broker refuses a record whose timestamp lies further than {@code
 * message.timestamp.after.max.ms} (one hour by default since Kafka 4.0) in its future or {@code
 * before.max.ms} in its past; an event time from a device with a wrong clock, or a replay of old
 * input, would then fail the sink and restart the job for ever. Retention also counts from record
 * timestamps, so a replay's alerts would be deleted as soon as written. The event time stays in the
 * record's JSON.
 */
final class WallClockTimestamps<T> implements KafkaRecordSerializationSchema<T> {
    private final KafkaRecordSerializationSchema<T> records;

    WallClockTimestamps(KafkaRecordSerializationSchema<T> records) {
        this.records = records;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink)
            throws Exception {
        records.open(context, sink);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long eventTime) {
        return records.serialize(element, context, null);
    }
}
