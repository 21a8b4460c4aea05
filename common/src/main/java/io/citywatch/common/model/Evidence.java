package io.citywatch.common.model;

/** One observation that made a rule fire: a reading, or an incident. */
public class Evidence {
    public String deviceId;
    public String incidentId;

    /** Sensor type, or the incident category. */
    public String type;

    public Double value;
    public long ts;

    public Evidence() {}

    public static Evidence of(Reading reading) {
        Evidence evidence = new Evidence();
        evidence.deviceId = reading.deviceId;
        evidence.type = reading.type.wireName();
        evidence.value = reading.value;
        evidence.ts = reading.ts;
        return evidence;
    }

    public static Evidence of(Incident incident) {
        Evidence evidence = new Evidence();
        evidence.incidentId = incident.incidentId;
        evidence.type = incident.category.name();
        evidence.ts = incident.ts;
        return evidence;
    }
}
