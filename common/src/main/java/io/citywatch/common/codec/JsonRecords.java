package io.citywatch.common.codec;

import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Field access shared by the input codecs: each rule of docs/contract.md §2 is checked in exactly
 * one place.
 */
final class JsonRecords {
    /** docs/contract.md §2.1: a record over 64 KiB is rejected. */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    // NaN and Infinity parse so that they can be rejected as bad values with a clear detail
    // instead of an opaque parser message; duplicate keys are ambiguous and therefore rejected,
    // and so is anything after the object (a second record or garbage on the same line).
    static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private JsonRecords() {}

    /** Size check, JSON parse, and the requirement that a record is one JSON object. */
    static JsonNode parseObject(String raw) throws InvalidRecordException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidRecordException(RejectReason.invalid_json, "empty record");
        }
        if (raw.length() * 3L > MAX_RECORD_BYTES) {
            // only long records pay for measuring their UTF-8 size
            int bytes = raw.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_RECORD_BYTES) {
                throw new InvalidRecordException(
                        RejectReason.too_large,
                        "record is " + bytes + " bytes, over the limit of " + MAX_RECORD_BYTES);
            }
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (Exception e) {
            throw new InvalidRecordException(RejectReason.invalid_json, firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(
                    RejectReason.invalid_json,
                    "expected a JSON object, got "
                            + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    static JsonNode required(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRecordException(RejectReason.missing_field, "missing field " + field);
        }
        return value;
    }

    static String requiredText(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = required(record, field);
        if (!value.isTextual()) {
            throw new InvalidRecordException(
                    RejectReason.bad_value,
                    field + " must be a string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    static String optionalText(JsonNode record, String field) throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRecordException(
                    RejectReason.bad_value,
                    field + " must be a string, got " + value.getNodeType());
        }
        return value.textValue();
    }

    static String requiredId(JsonNode record, String field) throws InvalidRecordException {
        return checkId(field, requiredText(record, field));
    }

    static String checkId(String field, String id) throws InvalidRecordException {
        if (!ID.matcher(id).matches()) {
            throw new InvalidRecordException(
                    RejectReason.bad_value,
                    field + " must be 1-128 characters of A-Z a-z 0-9 . _ : - : " + abbreviate(id));
        }
        return id;
    }

    static double requiredFiniteNumber(JsonNode record, String field)
            throws InvalidRecordException {
        return finiteNumber(field, required(record, field));
    }

    static Double optionalFiniteNumber(JsonNode record, String field)
            throws InvalidRecordException {
        JsonNode value = record.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return finiteNumber(field, value);
    }

    static double finiteNumber(String field, JsonNode value) throws InvalidRecordException {
        if (!value.isNumber()) {
            throw new InvalidRecordException(
                    RejectReason.bad_value,
                    field + " must be a number, got " + value.getNodeType());
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new InvalidRecordException(
                    RejectReason.bad_value, field + " must be a finite number, got " + value);
        }
        return number;
    }

    static long requiredTimestamp(JsonNode record) throws InvalidRecordException {
        JsonNode ts = required(record, "ts");
        try {
            return EventTimes.parse(ts);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(RejectReason.bad_value, e.getMessage());
        }
    }

    static <E extends Enum<E>> E requiredEnum(JsonNode record, String field, Class<E> type)
            throws InvalidRecordException {
        String text = requiredText(record, field);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(
                    RejectReason.bad_value, field + " has an unknown value: " + abbreviate(text));
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid JSON";
        }
        int newline = message.indexOf('\n');
        return abbreviate(newline < 0 ? message : message.substring(0, newline));
    }
}
