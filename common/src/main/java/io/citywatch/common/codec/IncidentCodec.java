package io.citywatch.common.codec;

import io.citywatch.common.model.Incident;
import io.citywatch.common.model.IncidentCategory;
import io.citywatch.common.model.IncidentSource;
import io.citywatch.common.model.IncidentStatus;

import com.fasterxml.jackson.databind.JsonNode;

import static io.citywatch.common.codec.JsonRecords.checkId;
import static io.citywatch.common.codec.JsonRecords.optionalFiniteNumber;
import static io.citywatch.common.codec.JsonRecords.optionalText;
import static io.citywatch.common.codec.JsonRecords.parseObject;
import static io.citywatch.common.codec.JsonRecords.requiredEnum;
import static io.citywatch.common.codec.JsonRecords.requiredId;
import static io.citywatch.common.codec.JsonRecords.requiredTimestamp;

/** Decodes and validates one {@code citywatch.incidents} record (docs/contract.md §2.2). */
public final class IncidentCodec {
    private IncidentCodec() {}

    public static Parsed<Incident> decode(String raw) {
        try {
            return Parsed.ok(read(parseObject(raw)));
        } catch (InvalidRecordException e) {
            return Parsed.rejected(e);
        }
    }

    private static Incident read(JsonNode json) throws InvalidRecordException {
        Incident incident = new Incident();
        incident.incidentId = requiredId(json, "incidentId");
        incident.source = requiredEnum(json, "source", IncidentSource.class);
        incident.category = requiredEnum(json, "category", IncidentCategory.class);
        incident.status = requiredEnum(json, "status", IncidentStatus.class);
        String riskPointId = optionalText(json, "riskPointId");
        incident.lat = optionalFiniteNumber(json, "lat");
        incident.lon = optionalFiniteNumber(json, "lon");
        if (riskPointId != null) {
            incident.riskPointId = checkId("riskPointId", riskPointId);
        } else if (incident.lat == null || incident.lon == null) {
            throw new InvalidRecordException(
                    RejectReason.missing_field, "an incident needs riskPointId, or lat and lon");
        }
        if (incident.lat != null && Math.abs(incident.lat) > 90) {
            throw new InvalidRecordException(RejectReason.bad_value, "lat must be within ±90");
        }
        if (incident.lon != null && Math.abs(incident.lon) > 180) {
            throw new InvalidRecordException(RejectReason.bad_value, "lon must be within ±180");
        }
        incident.ts = requiredTimestamp(json);
        return incident;
    }
}
