package io.citywatch.jobs.io;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the job's raw input comes from: Kafka topics in production, files in a replay. The timed
 * inputs take the job's watermark strategy into their source, so that event time is generated per
 * partition (per split) where the records are read, not on an interleaving of partitions further
 * on.
 */
public interface JobSources {
    DataStream<RawRecord> readings(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime);

    DataStream<RawRecord> incidents(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime);

    /**
     * The registry topic, from its beginning (dead letters and counts of every record) on a first
     * start. It carries no event time.
     */
    DataStream<RawRecord> registry(StreamExecutionEnvironment env);

    DataStream<RawRecord> actions(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime);

    /** Reads the registry topic's records up to its end, which the job starts from. */
    RegistryBacklog.Source registryBacklog();

    /**
     * Whether the inputs end (a backfill, a replay). Such a job reads without watermark alignment:
     * Flink 2.2 sends alignment events to the subtasks of a source that had already finished before
     * the checkpoint a job restores from, and the restored job then fails on every attempt; a job
     * that ends anyway has nothing to align for long.
     */
    default boolean bounded() {
        return false;
    }

    /** Topic names, which label dead letters with the stream they came from. */
    default String readingsTopic() {
        return Topics.READINGS;
    }

    default String incidentsTopic() {
        return Topics.INCIDENTS;
    }

    default String registryTopic() {
        return Topics.REGISTRY;
    }

    default String actionsTopic() {
        return Topics.ALERT_ACTIONS;
    }
}
