package io.citywatch.jobs.io;

import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.DeadLetter;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Kafka records in CloudEvents 1.0 binary mode (docs/contract.md §3.1, §3.2): the value is the
 * record's JSON, unchanged, and the event's attributes travel as {@code ce_*} headers with {@code
 * content-type}, so that an event bus routes alerts by type and subject without reading them. The
 * headers are written by the CNCF CloudEvents SDK, which any CloudEvents consumer reads back.
 */
public final class CloudEventRecords<T> implements KafkaRecordSerializationSchema<T> {
    public static final String ALERT_TYPE_PREFIX = "io.citywatch.alert.";
    public static final String DEAD_LETTER_TYPE_PREFIX = "io.citywatch.deadletter.";

    /** The {@code $id} of docs/schemas/alert.schema.json. */
    public static final URI ALERT_SCHEMA =
            URI.create("https://citywatch.io/schemas/alert.schema.json");

    /** The {@code $id} of docs/schemas/dead-letter.schema.json. */
    public static final URI DEAD_LETTER_SCHEMA =
            URI.create("https://citywatch.io/schemas/dead-letter.schema.json");

    static final String JSON = "application/json";

    /** What a record of one kind is: its key and its event. */
    interface Events<T> extends Serializable {
        byte[] key(T element);

        CloudEvent event(T element);
    }

    private final String topic;
    private final Events<T> events;

    private CloudEventRecords(String topic, Events<T> events) {
        this.topic = topic;
        this.events = events;
    }

    /** Alert changes keyed by alertId. */
    static CloudEventRecords<Alert> alerts(String topic, URI source) {
        return new CloudEventRecords<>(topic, new AlertEvents(source));
    }

    /** Dead letters keyed by the topic they came from. */
    static CloudEventRecords<DeadLetter> deadLetters(String topic, URI source) {
        return new CloudEventRecords<>(topic, new DeadLetterEvents(source));
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sink) {}

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            T element, KafkaSinkContext context, Long timestamp) {
        // no timestamp: the producer stamps its own clock (WallClockTimestamps says why)
        return KafkaMessageFactory.createWriter(topic, null, null, events.key(element))
                .writeBinary(events.event(element));
    }

    /** {@code ce_type} of an alert change: what happened to the alert. */
    public static String type(AlertStatus status) {
        return ALERT_TYPE_PREFIX + (status == AlertStatus.open ? "opened" : status.name());
    }

    /** {@code ce_type} of a dead letter: why its record was rejected. */
    public static String type(RejectReason reason) {
        return DEAD_LETTER_TYPE_PREFIX + reason.name();
    }

    /**
     * An alert change as an event: its id is the alert version, so that source and id together
     * de-duplicate the copies an at-least-once delivery or a replay brings.
     */
    public static CloudEvent alert(Alert alert, URI source) {
        return CloudEventBuilder.v1()
                .withId(alert.alertId + "-v" + alert.version)
                .withSource(source)
                .withType(type(alert.status))
                .withSubject(alert.riskPointId)
                .withTime(utc(alert.changeTs))
                .withDataSchema(ALERT_SCHEMA)
                .withDataContentType(JSON)
                .withData(OutputJson.alert(alert).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /**
     * A dead letter as an event, its value cut to fit a record (RecordLimits). Its id is a hash of
     * where the record came from and what it was, so that the same rejection written twice has one
     * id; its time is the dead letter's, when it has one.
     */
    public static CloudEvent deadLetter(DeadLetter letter, URI source) {
        CloudEventBuilder event =
                CloudEventBuilder.v1()
                        .withId(deadLetterId(letter))
                        .withSource(source)
                        .withType(type(letter.reason))
                        .withSubject(letter.source)
                        .withDataSchema(DEAD_LETTER_SCHEMA)
                        .withDataContentType(JSON)
                        .withData(RecordLimits.deadLetterValue(letter));
        if (letter.ts != null) {
            event.withTime(utc(letter.ts));
        }
        return event.build();
    }

    static String deadLetterId(DeadLetter letter) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
        String identity =
                letter.source
                        + '\u0000'
                        + letter.position
                        + '\u0000'
                        + letter.reason
                        + '\u0000'
                        + letter.ts
                        + '\u0000'
                        + letter.raw;
        byte[] digest = sha256.digest(identity.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static OffsetDateTime utc(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class AlertEvents implements Events<Alert> {
        private final URI source;

        AlertEvents(URI source) {
            this.source = source;
        }

        @Override
        public byte[] key(Alert alert) {
            return utf8(alert.alertId);
        }

        @Override
        public CloudEvent event(Alert alert) {
            return alert(alert, source);
        }
    }

    private static final class DeadLetterEvents implements Events<DeadLetter> {
        private final URI source;

        DeadLetterEvents(URI source) {
            this.source = source;
        }

        @Override
        public byte[] key(DeadLetter letter) {
            return utf8(letter.source);
        }

        @Override
        public CloudEvent event(DeadLetter letter) {
            return deadLetter(letter, source);
        }
    }
}
