package io.citywatch.common.codec;

import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static io.citywatch.common.codec.JsonRecords.abbreviate;
import static io.citywatch.common.codec.JsonRecords.finiteNumber;
import static io.citywatch.common.codec.JsonRecords.optionalText;
import static io.citywatch.common.codec.JsonRecords.parseObject;
import static io.citywatch.common.codec.JsonRecords.required;
import static io.citywatch.common.codec.JsonRecords.requiredEnum;
import static io.citywatch.common.codec.JsonRecords.requiredFiniteNumber;
import static io.citywatch.common.codec.JsonRecords.requiredId;
import static io.citywatch.common.codec.JsonRecords.requiredText;

/** Decodes and validates one {@code citywatch.registry} record (docs/contract.md §2.3). */
public final class RegistryCodec {
    private RegistryCodec() {}

    public static Parsed<RegistryUpdate> decode(String raw) {
        try {
            return Parsed.ok(read(parseObject(raw)));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e);
        }
    }

    private static RegistryUpdate read(JsonNode json) throws InvalidRecordException {
        String riskPointId = requiredId(json, "riskPointId");
        JsonNode deleted = json.get("deleted");
        if (deleted != null && !deleted.isNull()) {
            if (!deleted.isBoolean()) {
                throw new InvalidRecordException(
                        RejectReason.bad_value, "deleted must be true or false");
            }
            if (deleted.booleanValue()) {
                return RegistryUpdate.delete(riskPointId);
            }
        }
        RiskPoint point = new RiskPoint();
        point.riskPointId = riskPointId;
        point.kind = requiredEnum(json, "kind", RiskPointKind.class);
        String name = optionalText(json, "name");
        point.name = name == null ? riskPointId : name;
        String district = optionalText(json, "district");
        point.district = district == null ? "unknown" : district;
        String grid = optionalText(json, "grid");
        point.grid = grid == null ? "" : grid;
        point.lat = requiredFiniteNumber(json, "lat");
        point.lon = requiredFiniteNumber(json, "lon");
        if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) {
            throw new InvalidRecordException(
                    RejectReason.bad_value, "lat/lon out of range: " + point.lat + "," + point.lon);
        }
        JsonNode period = json.get("reportingPeriodSec");
        if (period != null && !period.isNull()) {
            if (!period.isIntegralNumber()
                    || period.longValue() < 1
                    || period.longValue() > 86_400 * 7) {
                throw new InvalidRecordException(
                        RejectReason.bad_value,
                        "reportingPeriodSec must be a whole number of seconds from 1 to 604800");
            }
            point.reportingPeriodSec = period.intValue();
        }
        readDevices(json, point);
        readThresholds(json, point);
        return RegistryUpdate.upsert(point);
    }

    private static void readDevices(JsonNode json, RiskPoint point) throws InvalidRecordException {
        JsonNode devices = required(json, "devices");
        if (!devices.isArray()) {
            throw new InvalidRecordException(RejectReason.bad_value, "devices must be an array");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode device : devices) {
            if (!device.isObject()) {
                throw new InvalidRecordException(
                        RejectReason.bad_value, "each device must be a JSON object");
            }
            String deviceId = requiredId(device, "deviceId");
            if (!seen.add(deviceId)) {
                throw new InvalidRecordException(
                        RejectReason.bad_value, "device " + deviceId + " is listed twice");
            }
            String typeName = requiredText(device, "type");
            SensorType type = SensorType.fromWireName(typeName);
            if (type == null) {
                throw new InvalidRecordException(
                        RejectReason.unknown_type, "unknown sensor type " + abbreviate(typeName));
            }
            point.devices.add(new DeviceSpec(deviceId, type, optionalText(device, "zone")));
        }
    }

    private static void readThresholds(JsonNode json, RiskPoint point)
            throws InvalidRecordException {
        JsonNode thresholds = json.get("thresholds");
        if (thresholds == null || thresholds.isNull()) {
            return;
        }
        if (!thresholds.isObject()) {
            throw new InvalidRecordException(
                    RejectReason.bad_value, "thresholds must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = thresholds.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().contains(".")) {
                throw new InvalidRecordException(
                        RejectReason.bad_value,
                        "threshold keys are <family>.<param>, got " + abbreviate(field.getKey()));
            }
            point.thresholds.put(
                    field.getKey(), finiteNumber("thresholds." + field.getKey(), field.getValue()));
        }
    }
}
