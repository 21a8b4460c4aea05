package io.citywatch.jobs.testing;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.HostedRule;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;

/**
 * A streak rule's unit alone in the device rule host, under a test harness: the host puts the
 * readings in event-time order and drops repeats, so the rule's tests go through it.
 */
public final class StreakHarness implements AutoCloseable {
    public static final long MINUTE = 60_000;

    private final HostedRule rule;
    private final KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    public StreakHarness(HostedRule rule) {
        this(rule, null);
    }

    private StreakHarness(HostedRule rule, OperatorSubtaskState restored) {
        this.rule = rule;
        try {
            harness =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(
                                    new DeviceRuleHost(
                                            List.of(rule.unit(RuleSettings.defaults())))),
                            event -> event.deviceId,
                            Types.STRING);
            if (restored != null) {
                harness.initializeState(restored);
            }
            harness.open();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new host started from a snapshot of this one, which stays open. */
    public StreakHarness restarted() throws Exception {
        return new StreakHarness(rule, harness.snapshot(1, 1));
    }

    /** A reading at whole minute {@code minute}, arriving now. */
    public void reading(Site site, String device, SensorType type, double value, long minute)
            throws Exception {
        long ts = minute * MINUTE;
        harness.processElement(Events.reading(site, device, type, value, ts), ts);
    }

    /**
     * The announcement the registry join makes of every registered device at each start, before any
     * reading or watermark.
     */
    public void registered(Site site, String device, SensorType type) throws Exception {
        DeviceEvent announced = Events.registered(site, device, type);
        harness.processElement(announced, announced.ts);
    }

    public void watermark(long millis) throws Exception {
        harness.processWatermark(millis);
    }

    public List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    public int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    public int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
