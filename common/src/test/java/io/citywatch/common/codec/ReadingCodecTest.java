package io.citywatch.common.codec;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.SensorType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReadingCodecTest {
    private static final String VALID =
            "{\"deviceId\":\"cq-yz-b001-smk-23\",\"type\":\"smoke\",\"value\":3.4,"
                    + "\"ts\":\"2026-07-14T03:00:00Z\"}";

    /** 2026-07-14T03:00:00Z, computed independently (python calendar.timegm). */
    private static final long TS_0300Z = 1_783_998_000_000L;

    private static final int LIMIT = 64 * 1024;

    /** A reading built from its four required fields, given as raw JSON fragments. */
    private static String reading(String deviceId, String type, String value, String ts) {
        return "{\"deviceId\":"
                + deviceId
                + ",\"type\":"
                + type
                + ",\"value\":"
                + value
                + ",\"ts\":"
                + ts
                + "}";
    }

    /** The valid reading with extra raw JSON members appended. */
    private static String validWith(String extraMembers) {
        return VALID.substring(0, VALID.length() - 1) + "," + extraMembers + "}";
    }

    /** A valid reading padded with an ignored field to exactly {@code bytes} UTF-8 bytes. */
    private static String paddedTo(int bytes, String padUnit) {
        String prefix = VALID.substring(0, VALID.length() - 1) + ",\"pad\":\"";
        String suffix = "\"}";
        int fixed = utf8(prefix) + utf8(suffix);
        int unitBytes = utf8(padUnit);
        int units = (bytes - fixed) / unitBytes;
        StringBuilder pad = new StringBuilder();
        pad.append(padUnit.repeat(units));
        pad.append("x".repeat(bytes - fixed - units * unitBytes));
        String raw = prefix + pad + suffix;
        assertThat(utf8(raw)).isEqualTo(bytes);
        return raw;
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static Stream<Arguments> badInputs() {
        String id129 = "a".repeat(129);
        String multiByteOverLimit = paddedTo(LIMIT + 1, "中"); // 3 bytes per char
        assertThat(multiByteOverLimit.length()).isLessThan(LIMIT);
        String emojiOverLimit = paddedTo(LIMIT + 3, "😀"); // 4 bytes, 2 chars
        assertThat(emojiOverLimit.length()).isLessThan(LIMIT);
        return Stream.of(
                // not JSON / not one JSON object
                arguments(
                        "invalid JSON", "{deviceId: cq-1, type: smoke}", RejectReason.invalid_json),
                arguments(
                        "truncated JSON",
                        VALID.substring(0, VALID.length() - 8),
                        RejectReason.invalid_json),
                arguments("truncated after colon", "{\"deviceId\":", RejectReason.invalid_json),
                arguments("not json", "not json", RejectReason.invalid_json),
                arguments("empty line", "", RejectReason.invalid_json),
                arguments("whitespace-only line", "  \t  ", RejectReason.invalid_json),
                arguments("JSON array", "[1,2,3]", RejectReason.invalid_json),
                arguments("array of one reading", "[" + VALID + "]", RejectReason.invalid_json),
                arguments("JSON number scalar", "42", RejectReason.invalid_json),
                arguments("JSON string scalar", "\"smoke\"", RejectReason.invalid_json),
                arguments("JSON null", "null", RejectReason.invalid_json),
                arguments("JSON true", "true", RejectReason.invalid_json),
                arguments("trailing garbage", VALID + " garbage", RejectReason.invalid_json),
                arguments("two objects on one line", VALID + VALID, RejectReason.invalid_json),
                arguments(
                        "duplicate key deviceId",
                        "{\"deviceId\":\"a\",\"deviceId\":\"b\",\"type\":\"smoke\",\"value\":1,"
                                + "\"ts\":\"2026-07-14T03:00:00Z\"}",
                        RejectReason.invalid_json),
                arguments(
                        "duplicate key value",
                        validWith("\"value\":99"),
                        RejectReason.invalid_json),
                // missing fields
                arguments("empty object", "{}", RejectReason.missing_field),
                arguments(
                        "missing deviceId",
                        "{\"type\":\"smoke\",\"value\":3.4,\"ts\":\"2026-07-14T03:00:00Z\"}",
                        RejectReason.missing_field),
                arguments(
                        "missing type",
                        "{\"deviceId\":\"d1\",\"value\":3.4,\"ts\":\"2026-07-14T03:00:00Z\"}",
                        RejectReason.missing_field),
                arguments(
                        "missing value",
                        "{\"deviceId\":\"d1\",\"type\":\"smoke\",\"ts\":\"2026-07-14T03:00:00Z\"}",
                        RejectReason.missing_field),
                arguments(
                        "missing ts",
                        "{\"deviceId\":\"d1\",\"type\":\"smoke\",\"value\":3.4}",
                        RejectReason.missing_field),
                arguments(
                        "null value",
                        reading("\"d1\"", "\"smoke\"", "null", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.missing_field),
                arguments(
                        "null deviceId",
                        reading("null", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.missing_field),
                arguments(
                        "null ts",
                        reading("\"d1\"", "\"smoke\"", "1", "null"),
                        RejectReason.missing_field),
                // wrong JSON types
                arguments(
                        "value as string",
                        reading("\"d1\"", "\"smoke\"", "\"3.4\"", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "value as boolean",
                        reading("\"d1\"", "\"smoke\"", "true", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "value as object",
                        reading("\"d1\"", "\"smoke\"", "{\"v\":1}", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "deviceId as number",
                        reading("12345", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "type as number",
                        reading("\"d1\"", "7", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                // non-finite numbers
                arguments(
                        "NaN",
                        reading("\"d1\"", "\"smoke\"", "NaN", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "NaN as string",
                        reading("\"d1\"", "\"smoke\"", "\"NaN\"", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "Infinity",
                        reading("\"d1\"", "\"smoke\"", "Infinity", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "-Infinity",
                        reading("\"d1\"", "\"smoke\"", "-Infinity", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "1e400 overflows a double",
                        reading("\"d1\"", "\"smoke\"", "1e400", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "-1e400 overflows a double",
                        reading("\"d1\"", "\"smoke\"", "-1e400", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                // type and unit
                arguments(
                        "unknown type radiation",
                        reading("\"d1\"", "\"radiation\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.unknown_type),
                arguments(
                        "type is case-sensitive",
                        reading("\"d1\"", "\"Smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.unknown_type),
                arguments(
                        "empty type",
                        reading("\"d1\"", "\"\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.unknown_type),
                arguments(
                        "unit ft for water_level",
                        "{\"deviceId\":\"d1\",\"type\":\"water_level\",\"value\":3.2,\"unit\":\"ft\","
                                + "\"ts\":\"2026-07-14T03:00:00Z\"}",
                        RejectReason.unit_mismatch),
                arguments(
                        "unit of another type",
                        validWith("\"unit\":\"°C\""),
                        RejectReason.unit_mismatch),
                arguments("empty unit", validWith("\"unit\":\"\""), RejectReason.unit_mismatch),
                arguments("unit as number", validWith("\"unit\":5"), RejectReason.bad_value),
                // ids
                arguments(
                        "deviceId with spaces",
                        reading("\"cq yz b001\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "deviceId of 129 chars",
                        reading("\"" + id129 + "\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "empty deviceId",
                        reading("\"\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "deviceId with slash",
                        reading("\"cq/1\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "deviceId with non-ASCII letter",
                        reading("\"重庆-1\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "deviceId with trailing newline",
                        reading("\"cq-1\\n\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                // timestamps
                arguments(
                        "ts yesterday",
                        reading("\"d1\"", "\"smoke\"", "1", "\"yesterday\""),
                        RejectReason.bad_value),
                arguments(
                        "ISO without zone",
                        reading("\"d1\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00\""),
                        RejectReason.bad_value),
                arguments(
                        "ISO date only",
                        reading("\"d1\"", "\"smoke\"", "1", "\"2026-07-14\""),
                        RejectReason.bad_value),
                arguments(
                        "ISO with space instead of T",
                        reading("\"d1\"", "\"smoke\"", "1", "\"2026-07-14 03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "ISO impossible date",
                        reading("\"d1\"", "\"smoke\"", "1", "\"2026-02-30T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "empty ts",
                        reading("\"d1\"", "\"smoke\"", "1", "\"\""),
                        RejectReason.bad_value),
                arguments(
                        "float epoch 1.5",
                        reading("\"d1\"", "\"smoke\"", "1", "1.5"),
                        RejectReason.bad_value),
                arguments(
                        "float epoch with integral value",
                        reading("\"d1\"", "\"smoke\"", "1", "1783998000000.0"),
                        RejectReason.bad_value),
                arguments(
                        "negative epoch",
                        reading("\"d1\"", "\"smoke\"", "1", "-1"),
                        RejectReason.bad_value),
                arguments(
                        "epoch millis as string",
                        reading("\"d1\"", "\"smoke\"", "1", "\"1783998000000\""),
                        RejectReason.bad_value),
                arguments(
                        "epoch beyond long",
                        reading("\"d1\"", "\"smoke\"", "1", "99999999999999999999999"),
                        RejectReason.bad_value),
                arguments(
                        "ts as boolean",
                        reading("\"d1\"", "\"smoke\"", "1", "true"),
                        RejectReason.bad_value),
                // 0/1 states
                arguments(
                        "pump_running 2",
                        reading("\"d1\"", "\"pump_running\"", "2", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "pump_running -1",
                        reading("\"d1\"", "\"pump_running\"", "-1", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                arguments(
                        "manual_call 0.5",
                        reading("\"d1\"", "\"manual_call\"", "0.5", "\"2026-07-14T03:00:00Z\""),
                        RejectReason.bad_value),
                // seq
                arguments("seq as string", validWith("\"seq\":\"7\""), RejectReason.bad_value),
                arguments("seq as float", validWith("\"seq\":1.5"), RejectReason.bad_value),
                arguments(
                        "seq beyond long",
                        validWith("\"seq\":99999999999999999999999"),
                        RejectReason.bad_value),
                // size
                arguments("64 KiB + 1 byte", paddedTo(LIMIT + 1, "x"), RejectReason.too_large),
                arguments(
                        "multi-byte: under 64 Ki chars, over 64 KiB",
                        multiByteOverLimit,
                        RejectReason.too_large),
                arguments(
                        "surrogate pairs: under 64 Ki chars, over 64 KiB",
                        emojiOverLimit,
                        RejectReason.too_large),
                arguments(
                        "too large wins over invalid JSON",
                        "x".repeat(LIMIT + 1),
                        RejectReason.too_large));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsBadInputWithTheExactReason(String name, String raw, RejectReason expected) {
        Parsed<Reading> parsed = ReadingCodec.decode(raw);

        assertThat(parsed.isOk()).as("accepted %s", name).isFalse();
        assertThat(parsed.reason()).isEqualTo(expected);
        assertThat(parsed.detail()).isNotBlank();
        assertThatThrownBy(parsed::value).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullRawIsInvalidJson() {
        assertThat(ReadingCodec.decode(null).reason()).isEqualTo(RejectReason.invalid_json);
    }

    @Test
    void detailOfAnOverSizeRecordNamesTheByteCount() {
        Parsed<Reading> parsed = ReadingCodec.decode(paddedTo(LIMIT + 1, "中"));

        assertThat(parsed.detail()).contains(String.valueOf(LIMIT + 1));
    }

    @Test
    void detailOfAVeryLongBadIdIsAbbreviated() {
        String id = "b".repeat(100) + " ";
        Parsed<Reading> parsed =
                ReadingCodec.decode(
                        reading("\"" + id + "\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""));

        assertThat(parsed.reason()).isEqualTo(RejectReason.bad_value);
        assertThat(parsed.detail()).doesNotContain(id).hasSizeLessThan(200);
    }

    @Test
    void decodesTheSpecExample() {
        Reading reading = ReadingCodec.decode(VALID).value();

        assertThat(reading.deviceId).isEqualTo("cq-yz-b001-smk-23");
        assertThat(reading.type).isEqualTo(SensorType.SMOKE);
        assertThat(reading.value).isEqualTo(3.4);
        assertThat(reading.ts).isEqualTo(TS_0300Z);
        assertThat(reading.unit).isNull();
        assertThat(reading.seq).isNull();
        assertThat(reading.fault).isFalse();
    }

    @Test
    void isoWithOffsetGivesTheSameInstantAsZulu() {
        Reading zulu =
                ReadingCodec.decode(reading("\"d1\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""))
                        .value();
        Reading offset =
                ReadingCodec.decode(
                                reading(
                                        "\"d1\"",
                                        "\"smoke\"",
                                        "1",
                                        "\"2026-07-14T11:00:00+08:00\""))
                        .value();
        Reading negative =
                ReadingCodec.decode(
                                reading(
                                        "\"d1\"",
                                        "\"smoke\"",
                                        "1",
                                        "\"2026-07-13T22:00:00-05:00\""))
                        .value();

        assertThat(zulu.ts).isEqualTo(TS_0300Z);
        assertThat(offset.ts).isEqualTo(TS_0300Z);
        assertThat(negative.ts).isEqualTo(TS_0300Z);
    }

    @Test
    void acceptsEpochMillisInteger() {
        Reading reading =
                ReadingCodec.decode(reading("\"d1\"", "\"smoke\"", "1", "1783998000123")).value();

        assertThat(reading.ts).isEqualTo(TS_0300Z + 123);
    }

    @Test
    void keepsMillisecondsOfIsoTimestamps() {
        Reading reading =
                ReadingCodec.decode(
                                reading("\"d1\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00.250Z\""))
                        .value();

        assertThat(reading.ts).isEqualTo(TS_0300Z + 250);
    }

    @Test
    void ignoresUnknownFields() {
        Reading plain = ReadingCodec.decode(VALID).value();
        Reading extended =
                ReadingCodec.decode(
                                validWith(
                                        "\"firmware\":\"2.1\",\"meta\":{\"a\":[1,2,{\"b\":null}]},"
                                                + "\"rssi\":-71"))
                        .value();

        assertThat(extended).isEqualTo(plain);
    }

    @ParameterizedTest
    @CsvSource({
        "smoke, %/m",
        "temperature, °C",
        "water_pressure, MPa",
        "pump_running, state",
        "manual_call, state",
        "displacement, mm",
        "crack_width, mm",
        "tilt, deg",
        "rainfall, mm",
        "water_level, m",
        "water_depth, cm",
        "methane, %LEL",
        "strain, µε",
        "deflection, mm",
        "vibration, mm/s",
        "battery, %",
        "heartbeat, state"
    })
    void acceptsTheUnitOfEachTypeFromTheSpec(String type, String unit) {
        String raw =
                "{\"deviceId\":\"d1\",\"type\":\""
                        + type
                        + "\",\"value\":1,\"unit\":\""
                        + unit
                        + "\",\"ts\":1783998000000}";

        Parsed<Reading> parsed = ReadingCodec.decode(raw);

        assertThat(parsed.isOk()).as("%s: %s", parsed.reason(), parsed.detail()).isTrue();
        assertThat(parsed.value().type.wireName()).isEqualTo(type);
        assertThat(parsed.value().unit).isEqualTo(unit);
        assertThat(parsed.value().fault).isFalse();
    }

    @Test
    void nullUnitAndNullSeqCountAsAbsent() {
        Reading reading = ReadingCodec.decode(validWith("\"unit\":null,\"seq\":null")).value();

        assertThat(reading.unit).isNull();
        assertThat(reading.seq).isNull();
    }

    @Test
    void readsSeq() {
        assertThat(ReadingCodec.decode(validWith("\"seq\":42")).value().seq).isEqualTo(42L);
        assertThat(ReadingCodec.decode(validWith("\"seq\":9007199254740993")).value().seq)
                .isEqualTo(9_007_199_254_740_993L);
    }

    @ParameterizedTest(name = "{0} {1} -> fault={2}")
    @CsvSource({
        "smoke, 150, true",
        "smoke, -0.1, true",
        "smoke, 100, false",
        "smoke, 0, false",
        "temperature, -60, true",
        "temperature, -50, false",
        "temperature, 1200, false",
        "temperature, 1200.5, true",
        "water_pressure, 10.01, true",
        "displacement, -10000, false",
        "displacement, -10001, true",
        "tilt, 91, true",
        "water_level, -100.5, true",
        "water_level, 8999, false",
        "strain, 20000, false",
        "strain, -20001, true",
        "battery, 101, true",
        "rainfall, 500, false",
        "rainfall, 501, true",
        "pump_running, 1, false",
        "pump_running, 0, false",
        "heartbeat, 1e300, false",
        "heartbeat, -123456, false",
        "heartbeat, 0, false"
    })
    void flagsReadingsOutsideThePhysicalSpanAsFaultsButAcceptsThem(
            String type, String value, boolean fault) {
        Parsed<Reading> parsed =
                ReadingCodec.decode(
                        reading("\"d1\"", "\"" + type + "\"", value, "\"2026-07-14T03:00:00Z\""));

        assertThat(parsed.isOk()).as("%s: %s", parsed.reason(), parsed.detail()).isTrue();
        assertThat(parsed.value().value).isEqualTo(Double.parseDouble(value));
        assertThat(parsed.value().fault).isEqualTo(fault);
    }

    @Test
    void acceptsARecordOfExactly64KiB() {
        Parsed<Reading> ascii = ReadingCodec.decode(paddedTo(LIMIT, "x"));
        Parsed<Reading> multiByte = ReadingCodec.decode(paddedTo(LIMIT, "中"));

        assertThat(ascii.isOk()).as("%s", ascii.detail()).isTrue();
        assertThat(ascii.value().deviceId).isEqualTo("cq-yz-b001-smk-23");
        assertThat(multiByte.isOk()).as("%s", multiByte.detail()).isTrue();
    }

    @Test
    void acceptsIdsOfAllowedCharactersUpTo128Chars() {
        String id128 = "A".repeat(120) + "z9._:-Q1";
        assertThat(id128).hasSize(128);

        Parsed<Reading> parsed =
                ReadingCodec.decode(
                        reading("\"" + id128 + "\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""));
        Parsed<Reading> single =
                ReadingCodec.decode(reading("\"x\"", "\"smoke\"", "1", "\"2026-07-14T03:00:00Z\""));

        assertThat(parsed.value().deviceId).isEqualTo(id128);
        assertThat(single.value().deviceId).isEqualTo("x");
    }

    @Test
    void acceptsIntegerValuesAndStateValuesWrittenAsDecimals() {
        assertThat(
                        ReadingCodec.decode(
                                        reading(
                                                "\"d1\"",
                                                "\"pump_running\"",
                                                "1.0",
                                                "\"2026-07-14T03:00:00Z\""))
                                .value()
                                .value)
                .isEqualTo(1.0);
        assertThat(
                        ReadingCodec.decode(
                                        reading(
                                                "\"d1\"",
                                                "\"water_depth\"",
                                                "25",
                                                "\"2026-07-14T03:00:00Z\""))
                                .value()
                                .value)
                .isEqualTo(25.0);
    }

    @Test
    void toleratesSurroundingWhitespace() {
        Parsed<Reading> parsed = ReadingCodec.decode("  " + VALID + " \r");

        assertThat(parsed.isOk()).isTrue();
        assertThat(parsed.value().ts).isEqualTo(TS_0300Z);
    }
}
