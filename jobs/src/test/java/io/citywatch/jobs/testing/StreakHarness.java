package io.citywatch.jobs.testing;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.streak.ReadingStreaks;
import io.citywatch.jobs.rules.streak.StreakGrading;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** {@link ReadingStreaks} with a rule's grading under a test harness, keyed by device. */
public final class StreakHarness {
    private StreakHarness() {}

    public static KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> of(
            StreakGrading grading) throws Exception {
        return KeyedHarness.open(
                new ReadingStreaks(grading, RuleSettings.defaults()), event -> event.deviceId);
    }
}
