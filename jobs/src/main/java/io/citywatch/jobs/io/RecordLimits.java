package io.citywatch.jobs.io;

import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.topic.CityTopics;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Record sizes end to end: the job's producers accept records up to {@link
 * CityTopics#MAX_MESSAGE_BYTES} (Kafka's default is 1 MB, and one oversized dead letter would fail
 * the sink and restart the job for ever), and a dead letter is cut to fit rather than fail.
 */
public final class RecordLimits {
    /** Room for the record's key, headers and batch overhead within the request limit. */
    static final int HEADROOM_BYTES = 64 * 1024;

    private RecordLimits() {}

    /** The client properties for a producer, with the size limit unless they set their own. */
    public static Properties producer(Properties client) {
        Properties producer = new Properties();
        producer.putAll(client);
        producer.putIfAbsent(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                String.valueOf(CityTopics.MAX_MESSAGE_BYTES));
        return producer;
    }

    /**
     * The dead letter as JSON bytes; when it would not fit in a record, its raw text keeps only its
     * start and the detail says so, so that the job never fails because of what it rejects.
     */
    public static byte[] deadLetterValue(DeadLetter letter) {
        return deadLetterValue(letter, CityTopics.MAX_MESSAGE_BYTES - HEADROOM_BYTES);
    }

    static byte[] deadLetterValue(DeadLetter letter, int maxBytes) {
        byte[] whole = OutputJson.deadLetter(letter).getBytes(StandardCharsets.UTF_8);
        if (whole.length <= maxBytes || letter.raw == null) {
            return whole;
        }
        String raw = letter.raw;
        int keep = raw.length();
        byte[] cut = whole;
        while (cut.length > maxBytes && keep > 0) {
            // escaping can make every character up to six bytes: shrink in proportion, then again
            keep = (int) Math.max(0, Math.min(keep - 1L, (long) keep * maxBytes / cut.length - 64));
            if (keep > 0 && Character.isHighSurrogate(raw.charAt(keep - 1))) {
                keep--;
            }
            DeadLetter shorter =
                    DeadLetter.of(
                            letter.source,
                            letter.reason,
                            letter.detail
                                    + "; raw cut to its first "
                                    + keep
                                    + " of "
                                    + raw.length()
                                    + " characters to fit a Kafka record",
                            raw.substring(0, keep),
                            letter.ts,
                            letter.position);
            cut = OutputJson.deadLetter(shorter).getBytes(StandardCharsets.UTF_8);
        }
        return cut;
    }
}
