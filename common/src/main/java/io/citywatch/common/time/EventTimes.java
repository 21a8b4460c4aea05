package io.citywatch.common.time;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Event time on the wire (docs/contract.md §1): an ISO-8601 instant with a zone, or epoch
 * milliseconds.
 */
public final class EventTimes {
    private static final long MAX_EPOCH_MILLIS =
            Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private EventTimes() {}

    /** Epoch milliseconds of a JSON {@code ts}; IllegalArgumentException says what is wrong. */
    public static long parse(JsonNode ts) {
        if (ts.isTextual()) {
            return parseIso(ts.textValue());
        }
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return checkRange(ts.longValue(), ts.toString());
        }
        throw new IllegalArgumentException(
                "ts must be an ISO-8601 instant with a zone or integer epoch milliseconds, got "
                        + abbreviate(ts.toString()));
    }

    public static long parseIso(String text) {
        try {
            long millis =
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant()
                            .toEpochMilli();
            return checkRange(millis, text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "ts is not an ISO-8601 instant with a zone: " + abbreviate(text));
        }
    }

    /** The canonical text form written in outputs: UTC, milliseconds only when present. */
    public static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static long checkRange(long millis, String text) {
        if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
            throw new IllegalArgumentException("ts is out of range: " + abbreviate(text));
        }
        return millis;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
