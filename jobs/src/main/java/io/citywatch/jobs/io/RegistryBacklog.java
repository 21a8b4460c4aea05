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

    /**
     * Reads the backlog where the job runs, when its operators start (and start again after a
     * failure): the client that submits the job needs no access to Kafka, and a restarted job
     * starts from the registry as it stands then.
     */
    public interface Source extends Serializable {
        RegistryBacklog read();
    }

    /** A backlog known in advance (tests, a source without a registry topic). */
    public static Source fixed(RegistryBacklog backlog) {
        return new Fixed(backlog);
    }

    private record Fixed(RegistryBacklog backlog) implements Source {
        @Override
        public RegistryBacklog read() {
            return backlog;
        }
    }
}
