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
    private static final long serialVersionUID = 2L;

    private final List<RiskPoint> file;
    private final RegistryBacklog.Source topic;

    private RegistryAtStart(List<RiskPoint> file, RegistryBacklog.Source topic) {
        this.file = file;
        this.topic = topic;
    }

    public static RegistryAtStart of(List<RiskPoint> file, RegistryBacklog.Source topic) {
        return new RegistryAtStart(new ArrayList<>(file), topic);
    }

    public static RegistryAtStart of(List<RiskPoint> file, RegistryBacklog topic) {
        return of(file, RegistryBacklog.fixed(topic));
    }

    /** Reads the topic's backlog now (an operator starting) and builds the registry. */
    public Loaded load() {
        RegistryBacklog backlog = topic.read();
        Registry registry = new Registry();
        for (RiskPoint point : file) {
            registry.apply(RegistryUpdate.upsert(point));
        }
        for (RegistryUpdate update : backlog.updates()) {
            registry.apply(update);
        }
        return new Loaded(registry, Map.copyOf(backlog.endPositions()));
    }

    /** The registry at start, and where the topic's backlog ended. */
    public record Loaded(Registry registry, Map<Integer, Long> endPositions) {
        /** Whether an update read from the registry topic came after the start's registry. */
        public boolean isNewer(RegistryUpdate update) {
            return update.offset >= endPositions.getOrDefault(update.partition, 0L);
        }
    }
}
