package io.citywatch.simulator;

import io.citywatch.common.topic.CityTopics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics of docs/contract.md §2-3 with their layout; topics that exist are left as they
 * are.
 */
public final class TopicSetup {
    private TopicSetup() {}

    /**
     * Creates every missing topic of {@link CityTopics#ALL}, with at most {@code maxPartitions}
     * partitions each, and returns the names it created.
     */
    public static List<String> ensure(Properties client, int maxPartitions, short replication)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(client)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (CityTopics.Spec spec : CityTopics.ALL) {
                if (existing.contains(spec.name())) {
                    continue;
                }
                CityTopics.Spec capped = spec.cappedAt(maxPartitions);
                NewTopic topic = new NewTopic(capped.name(), capped.partitions(), replication);
                topic.configs(CityTopics.configs(capped));
                missing.add(topic);
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            return created;
        }
    }
}
