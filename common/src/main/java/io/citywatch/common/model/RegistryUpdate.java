package io.citywatch.common.model;

/** One record of the registry topic: a whole risk point, or the deletion of one. */
public class RegistryUpdate implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String riskPointId;

    /** Null for a deletion. */
    public RiskPoint riskPoint;

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
