package io.citywatch.jobs.io;

import org.apache.flink.connector.base.DeliveryGuarantee;

import java.net.URI;
import java.time.Duration;

/**
 * Where the job reads and writes Kafka, validated: built from the options by {@code
 * config.Settings#kafkaSettings()}.
 */
public record KafkaSettings(
        String bootstrapServers,
        String groupId,
        DeliveryGuarantee alertsDelivery,
        Duration checkpointInterval,
        String readingsTopic,
        String incidentsTopic,
        String registryTopic,
        String actionsTopic,
        String alertsTopic,
        String deadletterTopic,
        String alertsCapTopic,
        URI cloudEventsSource) {}
