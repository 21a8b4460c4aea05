package io.citywatch.common.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTimesTest {
    /** 2026-07-14T03:00:00Z, computed independently (python calendar.timegm). */
    private static final long TS_0300Z = 1_783_998_000_000L;

    /** 9999-12-31T23:59:59.999Z. */
    private static final long MAX = 253_402_300_799_999L;

    @ParameterizedTest
    @CsvSource({
        "2026-07-14T03:00:00Z, 0",
        "2026-07-14T11:00:00+08:00, 0",
        "2026-07-13T22:00:00-05:00, 0",
        "2026-07-14T03:00:00+00:00, 0",
        "2026-07-14T03:00:00.5Z, 500",
        "2026-07-14T03:00:00.123Z, 123",
        "2026-07-14T03:00:00.123999Z, 123",
        "2026-07-14T03:01:10Z, 70000",
        "2026-07-14T12:31+09:30, 60000"
    })
    void parsesIsoInstantsWithAZone(String text, long offsetFromBase) {
        assertThat(EventTimes.parse(TextNode.valueOf(text))).isEqualTo(TS_0300Z + offsetFromBase);
        assertThat(EventTimes.parseIso(text)).isEqualTo(TS_0300Z + offsetFromBase);
    }

    @Test
    void parsesIntegerEpochMillis() {
        assertThat(EventTimes.parse(LongNode.valueOf(TS_0300Z))).isEqualTo(TS_0300Z);
        assertThat(EventTimes.parse(IntNode.valueOf(1000))).isEqualTo(1000L);
        assertThat(EventTimes.parse(LongNode.valueOf(0))).isZero();
        assertThat(EventTimes.parse(BigIntegerNode.valueOf(BigInteger.valueOf(TS_0300Z))))
                .isEqualTo(TS_0300Z);
        assertThat(EventTimes.parse(LongNode.valueOf(MAX))).isEqualTo(MAX);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "yesterday",
                "",
                "2026-07-14T03:00:00",
                "2026-07-14",
                "2026-07-14 03:00:00Z",
                "2026-02-30T03:00:00Z",
                "2026-07-14T25:00:00Z",
                "2026-07-14T03:00:00+25:00",
                "1783998000000",
                "2026-07-14T03:00:00Z[UTC]",
                "1969-12-31T23:59:59.999Z",
                "+10000-01-01T00:00:00Z"
            })
    void rejectsTextThatIsNotAnInRangeInstantWithAZone(String text) {
        assertThatThrownBy(() -> EventTimes.parse(TextNode.valueOf(text)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ts ");
    }

    @Test
    void rejectsNonIntegerAndOutOfRangeNumbersAndOtherTypes() {
        JsonNode[] bad = {
            DoubleNode.valueOf(1.5),
            DoubleNode.valueOf(1_783_998_000_000.0),
            LongNode.valueOf(-1),
            LongNode.valueOf(MAX + 1),
            LongNode.valueOf(Long.MAX_VALUE),
            BigIntegerNode.valueOf(new BigInteger("99999999999999999999999")),
            BooleanNode.TRUE,
            NullNode.instance,
            JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.arrayNode().add(1)
        };
        for (JsonNode node : bad) {
            assertThatThrownBy(() -> EventTimes.parse(node))
                    .as("%s", node)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void errorMessageAbbreviatesLongInput() {
        String text = "x".repeat(500);

        assertThatThrownBy(() -> EventTimes.parseIso(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .hasSizeLessThan(200);
    }

    @Test
    void formatsUtcWithMillisecondsOnlyWhenPresent() {
        assertThat(EventTimes.format(TS_0300Z)).isEqualTo("2026-07-14T03:00:00Z");
        assertThat(EventTimes.format(TS_0300Z + 40_000)).isEqualTo("2026-07-14T03:00:40Z");
        assertThat(EventTimes.format(TS_0300Z + 7)).isEqualTo("2026-07-14T03:00:00.007Z");
        assertThat(EventTimes.format(TS_0300Z + 250)).isEqualTo("2026-07-14T03:00:00.250Z");
        assertThat(EventTimes.format(0)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void formatThenParseRoundTrips() {
        long[] samples = {0, 1, 999, TS_0300Z, TS_0300Z + 1, TS_0300Z + 59_999, MAX};
        for (long millis : samples) {
            assertThat(EventTimes.parseIso(EventTimes.format(millis))).isEqualTo(millis);
        }
    }
}
