package io.citywatch.jobs.io;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the job's raw input comes from: Kafka topics in production, files in a replay. */
public interface JobSources {
    DataStream<RawRecord> readings(StreamExecutionEnvironment env);

    DataStream<RawRecord> incidents(StreamExecutionEnvironment env);

    /** The registry topic; the initial registry file comes in through the job's constructor. */
    DataStream<RawRecord> registry(StreamExecutionEnvironment env);

    DataStream<RawRecord> actions(StreamExecutionEnvironment env);

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
