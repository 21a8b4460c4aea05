package io.citywatch.jobs.testing;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.cep.WindowEndTicks;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A CEP rule as the job wires it: {@link WindowEndTicks} in front of the CEP operator, both under
 * test harnesses and keyed by risk point. Elements and watermarks go through both, in the order the
 * job would see them.
 */
public final class CepHarness<T> implements AutoCloseable {
    private final KeyedOneInputStreamOperatorTestHarness<String, T, T> ticks;
    private final KeyedOneInputStreamOperatorTestHarness<String, T, RuleMatch> cep;
    private final ToLongFunction<T> eventTime;

    private CepHarness(
            KeyedOneInputStreamOperatorTestHarness<String, T, T> ticks,
            KeyedOneInputStreamOperatorTestHarness<String, T, RuleMatch> cep,
            ToLongFunction<T> eventTime) {
        this.ticks = ticks;
        this.cep = cep;
        this.eventTime = eventTime;
    }

    /** A rule over device events, keyed by their risk point. */
    public static CepHarness<DeviceEvent> of(
            WindowEndTicks<DeviceEvent> ticks,
            Pattern<DeviceEvent, ?> pattern,
            EventComparator<DeviceEvent> comparator,
            PatternProcessFunction<DeviceEvent, RuleMatch> function)
            throws Exception {
        return of(
                DeviceEvent.class,
                event -> event.site.riskPointId,
                event -> event.ts,
                ticks,
                pattern,
                comparator,
                function);
    }

    public static <T> CepHarness<T> of(
            Class<T> type,
            KeySelector<T, String> riskPoint,
            ToLongFunction<T> eventTime,
            WindowEndTicks<T> ticks,
            Pattern<T, ?> pattern,
            EventComparator<T> comparator,
            PatternProcessFunction<T, RuleMatch> function)
            throws Exception {
        CepOperator<T, String, RuleMatch> operator =
                new CepOperator<>(
                        TypeInformation.of(type).createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern, false),
                        comparator,
                        pattern.getAfterMatchSkipStrategy(),
                        function,
                        null);
        KeyedOneInputStreamOperatorTestHarness<String, T, T> tickHarness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(ticks), riskPoint, Types.STRING);
        KeyedOneInputStreamOperatorTestHarness<String, T, RuleMatch> cepHarness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, riskPoint, Types.STRING);
        tickHarness.open();
        cepHarness.open();
        return new CepHarness<>(tickHarness, cepHarness, eventTime);
    }

    public void processElement(T event) throws Exception {
        ticks.processElement(event, eventTime.applyAsLong(event));
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
                cep.processElement((StreamRecord<T>) record);
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
