package io.citywatch.jobs.ingest;

import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.io.RegistryBacklog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry a job starts from: the registry file, then the registry topic up to its end at
 * start. Readings are judged against it from their first record on; registry records the job
 * streams that it already includes are not applied again, so no older version of a risk point comes
 * back for a moment while the topic is read from its beginning.
 */
public final class RegistryAtStart implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<RiskPoint> riskPoints;
    private final Map<Integer, Long> endPositions;

    private RegistryAtStart(List<RiskPoint> riskPoints, Map<Integer, Long> endPositions) {
        this.riskPoints = riskPoints;
        this.endPositions = endPositions;
    }

    public static RegistryAtStart of(List<RiskPoint> file, RegistryBacklog topic) {
        Registry registry = new Registry();
        for (RiskPoint point : file) {
            registry.apply(RegistryUpdate.upsert(point));
        }
        for (RegistryUpdate update : topic.updates()) {
            registry.apply(update);
        }
        return new RegistryAtStart(
                new ArrayList<>(registry.riskPoints()), Map.copyOf(topic.endPositions()));
    }

    /** A fresh copy, for an operator to change as updates come. */
    public Registry registry() {
        Registry registry = new Registry();
        for (RiskPoint point : riskPoints) {
            registry.apply(RegistryUpdate.upsert(point));
        }
        return registry;
    }

    public int size() {
        return riskPoints.size();
    }

    /** Whether an update read from the registry topic came after the start's registry. */
    public boolean isNewer(RegistryUpdate update) {
        return update.offset >= endPositions.getOrDefault(update.partition, 0L);
    }
}
