package io.citywatch.common.model;

/**
 * One validated incident report (docs/contract.md §2.2): located by risk point or by coordinates.
 */
public class Incident {
    public String incidentId;
    public IncidentSource source;
    public IncidentCategory category;
    public IncidentStatus status;

    /** Null when the report gave coordinates instead. */
    public String riskPointId;

    public Double lat;
    public Double lon;
    public long ts;

    public Incident() {}

    @Override
    public String toString() {
        return "Incident{"
                + incidentId
                + " "
                + category
                + " "
                + status
                + " rp="
                + riskPointId
                + " @"
                + ts
                + "}";
    }
}
