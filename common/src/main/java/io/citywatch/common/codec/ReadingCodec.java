package io.citywatch.common.codec;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.SensorType;

import com.fasterxml.jackson.databind.JsonNode;

import static io.citywatch.common.codec.JsonRecords.abbreviate;
import static io.citywatch.common.codec.JsonRecords.optionalText;
import static io.citywatch.common.codec.JsonRecords.parseObject;
import static io.citywatch.common.codec.JsonRecords.requiredFiniteNumber;
import static io.citywatch.common.codec.JsonRecords.requiredId;
import static io.citywatch.common.codec.JsonRecords.requiredText;
import static io.citywatch.common.codec.JsonRecords.requiredTimestamp;

/** Decodes and validates one {@code citywatch.readings} record (docs/contract.md §2.1). */
public final class ReadingCodec {
    private ReadingCodec() {}

    public static Parsed<Reading> decode(String raw) {
        try {
            return Parsed.ok(read(parseObject(raw)));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e);
        }
    }

    private static Reading read(JsonNode json) throws InvalidRecordException {
        String deviceId = requiredId(json, "deviceId");
        String typeName = requiredText(json, "type");
        SensorType type = SensorType.fromWireName(typeName);
        if (type == null) {
            throw new InvalidRecordException(
                    RejectReason.unknown_type, "unknown sensor type " + abbreviate(typeName));
        }
        double value = requiredFiniteNumber(json, "value");
        if (type.isBinaryState() && value != 0 && value != 1) {
            throw new InvalidRecordException(
                    RejectReason.bad_value, type.wireName() + " must be 0 or 1, got " + value);
        }
        long ts = requiredTimestamp(json);
        String unit = optionalText(json, "unit");
        if (unit != null && !unit.equals(type.unit())) {
            throw new InvalidRecordException(
                    RejectReason.unit_mismatch,
                    type.wireName()
                            + " is measured in "
                            + type.unit()
                            + ", got "
                            + abbreviate(unit));
        }
        Reading reading = new Reading(deviceId, type, value, ts);
        reading.unit = unit;
        JsonNode seq = json.get("seq");
        if (seq != null && !seq.isNull()) {
            if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
                throw new InvalidRecordException(
                        RejectReason.bad_value,
                        "seq must be an integer, got " + abbreviate(seq.toString()));
            }
            reading.seq = seq.longValue();
        }
        return reading;
    }
}
