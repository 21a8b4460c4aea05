package io.citywatch.common.model;

/** One record of the registry topic: a whole risk point, or the deletion of one. */
public class RegistryUpdate implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String riskPointId;

    /** Null for a deletion. */
    public RiskPoint riskPoint;

    /**
     * Where the record was read: its partition and offset in the registry topic (line number in a
     * replay's registry file). The job compares it with the registry it started from, which already
     * holds every record before the end of the topic at start. -1: not read from a topic.
     */
    public int partition;

    public long offset = -1;

    public RegistryUpdate() {}

    public static RegistryUpdate upsert(RiskPoint riskPoint) {
        RegistryUpdate update = new RegistryUpdate();
        update.riskPointId = riskPoint.riskPointId;
        update.riskPoint = riskPoint;
        return update;
    }

    public static RegistryUpdate delete(String riskPointId) {
        RegistryUpdate update = new RegistryUpdate();
        update.riskPointId = riskPointId;
        return update;
    }

    public boolean isDeletion() {
        return riskPoint == null;
    }
}
