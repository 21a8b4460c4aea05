package io.citywatch.jobs.io;

import io.citywatch.common.model.RegistryUpdate;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The registry topic as it stands when the job starts: its valid records in order, and the position
 * each partition ended at (exclusive). Records at or after those positions are news.
 */
public record RegistryBacklog(List<RegistryUpdate> updates, Map<Integer, Long> endPositions)
        implements Serializable {

    public static final RegistryBacklog EMPTY = new RegistryBacklog(List.of(), Map.of());
}
