package io.citywatch.bench;

import io.citywatch.jobs.config.Settings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * Figure 3: the whole job (decode, registry, event time, all rules, episodes, lifecycle,
 * aggregates; alerts and dead letters to Kafka, measurements to influxd) over the same records,
 * from the first record read to the job's end.
 */
final class FullPipeline {
    private FullPipeline() {}

    static Rate run(
            String bootstrapServers,
            BenchKafka.Topics topics,
            BenchData data,
            int parallelism,
            String influxUrl,
            Duration checkpointInterval)
            throws Exception {
        Meter source = Meter.reset(BenchSources.READINGS_METER);
        String group = "bench-full-p" + parallelism;
        long end;
        try (BenchCluster cluster = BenchCluster.start(parallelism, checkpointInterval, false)) {
            StreamExecutionEnvironment env = cluster.env(parallelism);
            Settings settings = JobRuns.settings(bootstrapServers, topics, group, "at-least-once");
            JobRuns.job(
                            settings,
                            data.registry,
                            new BenchSources(bootstrapServers, topics, group, true),
                            influxUrl,
                            data.lastTs)
                    .build(env);
            JobID job = cluster.submit(env, "bench: full pipeline p" + parallelism);
            cluster.await(job);
            end = System.nanoTime();
        }
        if (source.count() != data.size()) {
            throw new IllegalStateException(
                    "full pipeline read " + source.count() + " of " + data.size() + " records");
        }
        return Rate.between(source.count(), source.firstNanos(), end);
    }
}
