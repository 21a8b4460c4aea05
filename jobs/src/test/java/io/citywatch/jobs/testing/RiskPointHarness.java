package io.citywatch.jobs.testing;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.host.RiskPointInput;
import io.citywatch.jobs.rules.host.RiskPointRuleHost;
import io.citywatch.jobs.rules.host.RiskPointRuleUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;

/**
 * Risk point rule units in their host under a test harness: the host puts each risk point's inputs
 * in event-time order, so the tests of what depends on order go through it.
 */
public final class RiskPointHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, RiskPointInput, RuleMatch> harness;

    private RiskPointHarness(List<RiskPointRuleUnit<?>> units, OperatorSubtaskState restored)
            throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RiskPointRuleHost(units)),
                        input -> input.riskPointId,
                        Types.STRING);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    public static RiskPointHarness of(RiskPointRuleUnit<?>... units) throws Exception {
        return new RiskPointHarness(List.of(units), null);
    }

    /** A new host with {@code units}, started from a snapshot of another. */
    public static RiskPointHarness restored(
            OperatorSubtaskState snapshot, RiskPointRuleUnit<?>... units) throws Exception {
        return new RiskPointHarness(List.of(units), snapshot);
    }

    public void send(DeviceEvent event) throws Exception {
        harness.processElement(RiskPointInput.of(event), event.ts);
    }

    public void send(RuleMatch match) throws Exception {
        harness.processElement(RiskPointInput.of(match), match.detectTs);
    }

    public void watermark(long ts) throws Exception {
        harness.processWatermark(ts);
    }

    /** Every match so far, in order. */
    public List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    /** The timers beyond a replay's end reported so far. */
    public List<PendingTimeout> pending() {
        return harness.getSideOutput(Pending.TAG) == null
                ? List.of()
                : harness.getSideOutput(Pending.TAG).stream()
                        .map(record -> record.getValue())
                        .toList();
    }

    public int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    public int timers() {
        return harness.numEventTimeTimers();
    }

    public OperatorSubtaskState snapshot() throws Exception {
        return harness.snapshot(1, 1);
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
