package io.citywatch.common.topic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of docs/contract.md §2-3 with their default names, record keys and layout. The
 * job, the simulator, the embedded broker and the deployment files all take the names from here.
 */
public final class CityTopics {
    public static final String READINGS = "citywatch.readings";
    public static final String INCIDENTS = "citywatch.incidents";
    public static final String REGISTRY = "citywatch.registry";
    public static final String ALERT_ACTIONS = "citywatch.alert-actions";
    public static final String ALERTS = "citywatch.alerts";
    public static final String DEADLETTER = "citywatch.deadletter";

    /** The alert changes as OASIS CAP 1.2 XML, one message per alert version. */
    public static final String ALERTS_CAP = "citywatch.alerts.cap";

    /**
     * The largest record (serialized, before compression) every topic accepts: the topics' {@code
     * max.message.bytes} and the job's producers' {@code max.request.size}. Records over 64 KiB are
     * rejected by the job anyway, but whole, on the dead-letter topic: a 10 MB record must fit
     * there too. A dead letter that would exceed it (a record near the limit full of characters
     * JSON escapes) keeps only the start of its raw text.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /**
     * One topic: its name, its partitions on a production cluster, whether it is compacted, and
     * what its record key is.
     */
    public record Spec(String name, int partitions, boolean compacted, String key) {
        /** The same topic with at most {@code max} partitions (a single-node demo). */
        public Spec cappedAt(int max) {
            return new Spec(name, Math.min(partitions, max), compacted, key);
        }
    }

    /**
     * Readings are the bulk of the traffic; the registry is the current state of the city, so it is
     * compacted by risk point and needs no parallelism.
     */
    public static final List<Spec> ALL =
            List.of(
                    new Spec(READINGS, 12, false, "deviceId"),
                    new Spec(INCIDENTS, 3, false, "incidentId"),
                    new Spec(REGISTRY, 1, true, "riskPointId"),
                    new Spec(ALERT_ACTIONS, 3, false, "alertId"),
                    new Spec(ALERTS, 6, false, "alertId"),
                    new Spec(DEADLETTER, 3, false, "source topic"),
                    new Spec(ALERTS_CAP, 6, false, "alertId"));

    private CityTopics() {}

    /**
     * Topic-level configuration a topic is created with: its size limit, its cleanup policy and,
     * for the job's outputs, timestamps set by the broker. The job writes alerts and dead letters
     * stamped with the time they were written, never their event time; the broker's time also
     * covers any other writer, since retention counts from record timestamps and a replay of last
     * month's input must not have its alerts deleted as soon as written.
     */
    public static Map<String, String> configs(Spec spec) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        if (spec.name().equals(ALERTS)
                || spec.name().equals(DEADLETTER)
                || spec.name().equals(ALERTS_CAP)) {
            configs.put("message.timestamp.type", "LogAppendTime");
        }
        if (spec.compacted()) {
            configs.put("cleanup.policy", "compact");
        }
        return configs;
    }

    public static Spec spec(String name) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name));
    }
}
