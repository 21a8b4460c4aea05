package io.citywatch.jobs.io;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.topic.CityTopics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RecordLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTenMegabyteRecordIsDeadLetteredWhole() throws Exception {
        String raw = "y".repeat(10 * 1024 * 1024);
        byte[] value =
                RecordLimits.deadLetterValue(
                        DeadLetter.of(
                                "citywatch.readings", RejectReason.too_large, "big", raw, null, 0));
        assertThat(value.length).isLessThan(CityTopics.MAX_MESSAGE_BYTES);
        assertThat(JSON.readTree(value).path("raw").asText()).isEqualTo(raw);
    }

    @Test
    void aDeadLetterThatWouldNotFitKeepsTheStartOfItsRawText() throws Exception {
        // control characters: six bytes each once escaped
        String raw = "\u0001".repeat(1000);
        byte[] value =
                RecordLimits.deadLetterValue(
                        DeadLetter.of("t", RejectReason.invalid_json, "bad", raw, null, 0), 2000);
        assertThat(value.length).isLessThanOrEqualTo(2000);
        JsonNode letter = JSON.readTree(value);
        assertThat(raw).startsWith(letter.path("raw").asText());
        assertThat(letter.path("detail").asText())
                .contains("raw cut to its first")
                .contains("1000");
    }

    @Test
    void producersMayWriteRecordsUpToTheTopicLimitUnlessConfiguredOtherwise() {
        assertThat(RecordLimits.producer(new Properties()).getProperty("max.request.size"))
                .isEqualTo(String.valueOf(CityTopics.MAX_MESSAGE_BYTES));
        Properties own = new Properties();
        own.setProperty("max.request.size", "2000000");
        assertThat(RecordLimits.producer(own).getProperty("max.request.size")).isEqualTo("2000000");
    }
}
