package io.citywatch.jobs.testing;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.cep.WindowEndTicks;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;

/**
 * A CEP rule over device events as the job wires it: {@link WindowEndTicks} in front of the CEP
 * operator, both under test harnesses and keyed by risk point. Elements and watermarks go through
 * both, in the order the job would see them.
 */
public final class CepHarness implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, DeviceEvent> ticks;
    private final KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> cep;

    private CepHarness(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, DeviceEvent> ticks,
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> cep) {
        this.ticks = ticks;
        this.cep = cep;
    }

    public static CepHarness of(
            WindowEndTicks ticks,
            Pattern<DeviceEvent, ?> pattern,
            EventComparator<DeviceEvent> comparator,
            PatternProcessFunction<DeviceEvent, RuleMatch> function)
            throws Exception {
        CepOperator<DeviceEvent, String, RuleMatch> operator =
                new CepOperator<>(
                        TypeInformation.of(DeviceEvent.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern, false),
                        comparator,
                        pattern.getAfterMatchSkipStrategy(),
                        function,
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, DeviceEvent> tickHarness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(ticks),
                        event -> event.site.riskPointId,
                        Types.STRING);
        KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> cepHarness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, event -> event.site.riskPointId, Types.STRING);
        tickHarness.open();
        cepHarness.open();
        return new CepHarness(tickHarness, cepHarness);
    }

    public void processElement(DeviceEvent event) throws Exception {
        ticks.processElement(event, event.ts);
        forward();
    }

    public void processWatermark(long watermark) throws Exception {
        ticks.processWatermark(watermark);
        forward();
        cep.processWatermark(watermark);
    }

    @SuppressWarnings("unchecked")
    private void forward() throws Exception {
        Object next;
        while ((next = ticks.getOutput().poll()) != null) {
            if (next instanceof StreamRecord<?> record) {
                cep.processElement((StreamRecord<DeviceEvent>) record);
            }
        }
    }

    public List<RuleMatch> matches() {
        return cep.extractOutputValues();
    }

    /** Keyed state entries and event-time timers of both operators. */
    public int stateEntries() {
        return ticks.numKeyedStateEntries() + cep.numKeyedStateEntries();
    }

    public int timers() {
        return ticks.numEventTimeTimers() + cep.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        ticks.close();
        cep.close();
    }
}
