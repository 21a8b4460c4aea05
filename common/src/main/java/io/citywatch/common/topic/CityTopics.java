package io.citywatch.common.topic;

import java.util.List;

/**
 * The Kafka topics of SPEC §2-3 with their default names, record keys and layout. The job, the
 * simulator, the embedded broker and the deployment files all take the names from here.
 */
public final class CityTopics {
    public static final String READINGS = "citywatch.readings";
    public static final String INCIDENTS = "citywatch.incidents";
    public static final String REGISTRY = "citywatch.registry";
    public static final String ALERT_ACTIONS = "citywatch.alert-actions";
    public static final String ALERTS = "citywatch.alerts";
    public static final String DEADLETTER = "citywatch.deadletter";

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
                    new Spec(DEADLETTER, 3, false, "source topic"));

    private CityTopics() {}

    public static Spec spec(String name) {
        return ALL.stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name));
    }
}
