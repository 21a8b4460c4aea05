package io.citywatch.jobs.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The MiniCluster of the job-level ITCases: two slots per TaskManager, so that a job at parallelism
 * 2 (where a misrouted key fails on its key group) fits on one TaskManager.
 */
public final class TestMiniCluster {
    private TestMiniCluster() {}

    /** One TaskManager of two slots. */
    public static MiniClusterExtension oneTaskManager() {
        return of(1, new Configuration());
    }

    /** {@code taskManagers} TaskManagers of two slots each, with {@code configuration}. */
    public static MiniClusterExtension of(int taskManagers, Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(taskManagers)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(configuration)
                        .build());
    }
}
