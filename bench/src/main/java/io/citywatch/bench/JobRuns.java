package io.citywatch.bench;

import io.citywatch.common.model.RiskPoint;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.io.KafkaTopics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The whole CityWatch job wired to the benchmark's broker and influxd. */
final class JobRuns {
    private JobRuns() {}

    static Settings settings(
            String bootstrapServers, BenchKafka.Topics topics, String groupId, String delivery) {
        return settings(bootstrapServers, topics, groupId, delivery, Map.of());
    }

    /** The same settings, with {@code overrides} (option key → value) on top. */
    static Settings settings(
            String bootstrapServers,
            BenchKafka.Topics topics,
            String groupId,
            String delivery,
            Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put(CityWatchOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        values.put(CityWatchOptions.GROUP_ID.key(), groupId);
        values.put(CityWatchOptions.ALERTS_DELIVERY.key(), delivery);
        values.put(CityWatchOptions.READINGS_TOPIC.key(), topics.readings);
        values.put(CityWatchOptions.INCIDENTS_TOPIC.key(), topics.incidents);
        values.put(CityWatchOptions.REGISTRY_TOPIC.key(), topics.registry);
        values.put(CityWatchOptions.ACTIONS_TOPIC.key(), topics.actions);
        values.put(CityWatchOptions.ALERTS_TOPIC.key(), topics.alerts);
        values.put(CityWatchOptions.DEADLETTER_TOPIC.key(), topics.deadletter);
        values.put(CityWatchOptions.ALERTS_CAP_TOPIC.key(), topics.alertsCap);
        values.putAll(overrides);
        return Settings.of(values);
    }

    static KafkaTopics kafka(Settings settings) {
        Properties client = new Properties();
        // the broker allows 15 minutes; KafkaSink's default of one hour would be refused
        client.put("transaction.timeout.ms", "600000");
        return settings.kafkaTopics(client);
    }

    /**
     * The job as {@code run} builds it, over {@code sources}; {@code clockStopTs} holds event-time
     * timers past the data's end, as a replay does, so that a bounded run ends with its input
     * instead of firing every timeout of the future at once.
     */
    static CityWatchJob job(
            Settings settings,
            List<RiskPoint> registry,
            BenchSources sources,
            String influxUrl,
            long clockStopTs) {
        JobSettings job = settings.jobSettings().withClockStop(clockStopTs);
        return new CityWatchJob(job, registry, sources, new BenchSinks(kafka(settings), influxUrl));
    }
}
