package io.citywatch.jobs.testing;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the alert changelogs of two live runs as far as a live job makes them the same. A live
 * job handles a rule match at once (CityWatchJob#inEventTimeOrder): the changes of a per-device
 * episode follow that device's partition and are the same record for record, while an episode of a
 * risk point that several devices feed is opened by whichever device is read first, so there only
 * the episode and its highest level are the same.
 */
public final class AlertSets {
    private AlertSets() {}

    /** The same alerts as {@code expected}, as far as two live runs agree; nothing twice. */
    public static void assertSame(List<String> actual, List<String> expected) {
        assertWholeChangelogs(actual);
        Set<String> missing = new TreeSet<>(perDevice(expected));
        missing.removeAll(perDevice(actual));
        Set<String> extra = new TreeSet<>(perDevice(actual));
        extra.removeAll(perDevice(expected));
        assertThat(extra)
                .as("per-device alert changes the reference did not write (it wrote %s)", missing)
                .isEmpty();
        assertThat(missing).as("per-device alert changes of the reference not written").isEmpty();
        assertThat(highestLevels(actual))
                .as("risk-point episodes and their highest levels")
                .isEqualTo(highestLevels(expected));
    }

    /**
     * Every (alertId, version) one record — written more than once only as copies of it, as
     * at-least-once delivery may after a restart or a stop — and every alert's versions from 1
     * without a gap.
     */
    public static void assertWholeChangelogs(List<String> alerts) {
        assertThat(new HashSet<>(alerts).stream().map(KafkaJob::alertKey))
                .as("(alertId, version) with one content")
                .doesNotHaveDuplicates();
        Map<String, Set<Integer>> versions =
                alerts.stream()
                        .collect(
                                Collectors.groupingBy(
                                        alert -> KafkaJob.field(alert, "alertId"),
                                        Collectors.mapping(
                                                alert ->
                                                        Integer.parseInt(
                                                                KafkaJob.field(alert, "version")),
                                                Collectors.toCollection(HashSet::new))));
        versions.forEach(
                (alertId, seen) -> {
                    for (int version = 1; version <= seen.size(); version++) {
                        assertThat(seen).as("versions of alert %s", alertId).contains(version);
                    }
                });
    }

    /**
     * What the simulator's ground truth compares of each alert record: rule, risk point, device and
     * level.
     */
    public static List<Alert> forGroundTruth(List<String> alerts) {
        List<Alert> parsed = new ArrayList<>();
        for (String text : alerts) {
            Alert alert = new Alert();
            alert.ruleId = KafkaJob.field(text, "ruleId");
            alert.riskPointId = KafkaJob.field(text, "riskPointId");
            String device = KafkaJob.field(text, "deviceId");
            alert.deviceId = device.isEmpty() ? null : device;
            alert.level = AlertLevel.valueOf(KafkaJob.field(text, "level"));
            parsed.add(alert);
        }
        return parsed;
    }

    private static Set<String> perDevice(List<String> alerts) {
        return alerts.stream()
                .filter(alert -> !KafkaJob.field(alert, "deviceId").isEmpty())
                .collect(Collectors.toSet());
    }

    /** Risk-point episodes (rule, risk point) and the highest level each reached. */
    private static Map<String, String> highestLevels(List<String> alerts) {
        Map<String, String> levels = new TreeMap<>();
        for (String alert : alerts) {
            if (!KafkaJob.field(alert, "deviceId").isEmpty()) {
                continue;
            }
            String key =
                    KafkaJob.field(alert, "ruleId") + " " + KafkaJob.field(alert, "riskPointId");
            levels.merge(key, KafkaJob.field(alert, "level"), AlertSets::higher);
        }
        return levels;
    }

    private static String higher(String a, String b) {
        List<String> order = List.of("blue", "yellow", "orange", "red");
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }
}
