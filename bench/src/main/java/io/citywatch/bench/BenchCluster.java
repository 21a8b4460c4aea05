package io.citywatch.bench;

import io.citywatch.jobs.CityWatchJob;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Flink MiniCluster in this JVM, one per figure, with the job settings the production {@code run}
 * command uses (no generated uids, no Kryo) and checkpoints on.
 */
public final class BenchCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final Configuration config;

    private BenchCluster(MiniCluster cluster, Configuration config) {
        this.cluster = cluster;
        this.config = config;
    }

    /**
     * {@code slots} task slots; {@code rocksdb} picks the RocksDB state backend with full
     * (non-incremental) checkpoints, so a checkpoint's size is the whole state.
     */
    public static BenchCluster start(int slots, Duration checkpointInterval, boolean rocksdb)
            throws Exception {
        Path checkpoints = Files.createTempDirectory("citywatch-bench-checkpoints");
        Map<String, String> values = new HashMap<>();
        values.put("rest.bind-port", "0");
        values.put("taskmanager.memory.managed.size", rocksdb ? "768m" : "128m");
        values.put("taskmanager.memory.network.min", "128m");
        values.put("taskmanager.memory.network.max", "128m");
        values.put("state.backend.type", rocksdb ? "rocksdb" : "hashmap");
        values.put("execution.checkpointing.incremental", "false");
        values.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        values.put("execution.checkpointing.interval", checkpointInterval.toMillis() + " ms");
        // a bounded run ends when its input ends, not at the next checkpoint after that
        values.put("execution.checkpointing.checkpoints-after-tasks-finish", "false");
        // a figure measured across restarts means nothing: a failure ends the figure with its cause
        values.put("restart-strategy.type", "none");
        Configuration config = Configuration.fromMap(values);
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        return new BenchCluster(cluster, config);
    }

    /**
     * An environment whose graph {@link #submit} runs here, with the job's execution settings (also
     * for the partial topologies of figures 2, 4 and 7).
     */
    public StreamExecutionEnvironment env(int parallelism) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration(config));
        CityWatchJob.configure(env);
        env.setParallelism(parallelism);
        return env;
    }

    public JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        var graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.submitJob(graph).get().getJobID();
    }

    /** Waits for the job's end; fails when the job failed. */
    public void await(JobID job) throws Exception {
        JobResult result = cluster.requestJobResult(job).get();
        if (result.getSerializedThrowable().isPresent()) {
            throw new IllegalStateException(
                    "benchmark job failed",
                    result.getSerializedThrowable()
                            .get()
                            .deserializeError(getClass().getClassLoader()));
        }
    }

    public void cancel(JobID job) throws Exception {
        cluster.cancelJob(job).get();
        cluster.requestJobResult(job).get();
    }

    /**
     * Triggers a full checkpoint now and returns its statistics; fails when it has not completed
     * within {@code timeout} (a job far behind holds its barrier back).
     */
    public CompletedCheckpointStats checkpoint(JobID job, Duration timeout) throws Exception {
        long id = trigger(job, timeout);
        for (int attempt = 0; attempt < 100; attempt++) {
            CompletedCheckpointStats latest =
                    cluster.getExecutionGraph(job)
                            .get()
                            .getCheckpointStatsSnapshot()
                            .getHistory()
                            .getLatestCompletedCheckpoint();
            if (latest != null && latest.getCheckpointId() >= id) {
                return latest;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("checkpoint " + id + " has no statistics");
    }

    /** A task still starting (RocksDB opening) refuses the trigger: then try again. */
    private long trigger(JobID job, Duration timeout) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return cluster.triggerCheckpoint(job, CheckpointType.FULL)
                        .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(
                        "checkpoint not completed within " + timeout + ": the job is behind", e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 50) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    public org.apache.flink.runtime.executiongraph.AccessExecutionGraph graph(JobID job)
            throws Exception {
        return cluster.getExecutionGraph(job).get();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
