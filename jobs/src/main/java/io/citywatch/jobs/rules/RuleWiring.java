package io.citywatch.jobs.rules;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.cep.RiskPointCep;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * The operators of one rule, or of a stream several rules share, wired the one way they all are:
 * uid {@code <prefix>.<suffix>} and name {@code <prefix>: <what>} (a savepoint finds an operator's
 * state by its uid, so a released suffix never changes; RuleWiringTest lists them), and every keyed
 * function's {@link Pending#TAG} side output handed to {@link RuleInputs#reportPending}, so that no
 * rule can leave its timers beyond a replay's end out of the summary.
 */
public final class RuleWiring {
    private final RuleInputs inputs;
    private final String prefix;

    RuleWiring(RuleInputs inputs, String prefix) {
        this.inputs = inputs;
        this.prefix = prefix;
    }

    /**
     * The device events that pass {@code keep} (filter {@code <prefix>.filter}), keyed by device
     * without a shuffle: the input of a per-device rule.
     */
    public Keyed<DeviceEvent> readings(FilterFunction<DeviceEvent> keep, String what) {
        return readings(keep, "filter", what);
    }

    /**
     * {@link #readings(FilterFunction, String)} with the filter's uid {@code <prefix>.<suffix>}.
     */
    public Keyed<DeviceEvent> readings(
            FilterFunction<DeviceEvent> keep, String suffix, String what) {
        return from(inputs.deviceEvents())
                .filter(keep, suffix, what)
                .byDevice(event -> event.deviceId);
    }

    public <T> Wired<T> from(DataStream<T> stream) {
        return new Wired<>(stream);
    }

    /**
     * The device events that pass {@code keep} (filter {@code <prefix>.filter}) as a CEP rule's
     * signals, keyed by risk point.
     */
    public RiskPointCep<DeviceEvent> cepOfDeviceEvents(
            FilterFunction<DeviceEvent> keep, String what) {
        DataStream<DeviceEvent> signals =
                from(inputs.deviceEvents()).filter(keep, "filter", what).stream();
        return cep(signals, DeviceEvent.class, event -> event.site.riskPointId);
    }

    /** A CEP rule's signals, keyed by risk point, under this rule's uids. */
    public <T> RiskPointCep<T> cep(
            DataStream<T> signals, Class<T> type, KeySelector<T, String> riskPoint) {
        return RiskPointCep.of(prefix, signals, type, riskPoint);
    }

    private <O> SingleOutputStreamOperator<O> named(
            SingleOutputStreamOperator<O> operator, String suffix, String what) {
        return operator.uid(prefix + "." + suffix).name(prefix + ": " + what);
    }

    /** A stream on its way to a keyed function. */
    public final class Wired<T> {
        private final DataStream<T> stream;

        private Wired(DataStream<T> stream) {
            this.stream = stream;
        }

        public Wired<T> filter(FilterFunction<T> keep, String suffix, String what) {
            return new Wired<>(named(stream.filter(keep), suffix, what));
        }

        public <R> Wired<R> map(MapFunction<T, R> convert, String suffix, String what) {
            return new Wired<>(named(stream.map(convert), suffix, what));
        }

        /** Keyed by device without a shuffle; see {@link RuleInputs#byDevice}. */
        public Keyed<T> byDevice(KeySelector<T, String> deviceId) {
            return new Keyed<>(RuleInputs.byDevice(stream, deviceId));
        }

        /** Keyed by anything else (a risk point, an incident, a place): a shuffle. */
        public Keyed<T> keyBy(KeySelector<T, String> key) {
            return new Keyed<>(stream.keyBy(key, Types.STRING));
        }

        public DataStream<T> stream() {
            return stream;
        }
    }

    /** A keyed stream, for the function that makes a rule's matches or a shared stream. */
    public final class Keyed<T> {
        private final KeyedStream<T, String> stream;

        private Keyed(KeyedStream<T, String> stream) {
            this.stream = stream;
        }

        public <O> SingleOutputStreamOperator<O> process(
                KeyedProcessFunction<String, T, O> function, String suffix, String what) {
            return reported(named(stream.process(function), suffix, what));
        }

        /** For a function whose output type Flink cannot extract from its class. */
        public <O> SingleOutputStreamOperator<O> process(
                KeyedProcessFunction<String, T, O> function,
                TypeInformation<O> type,
                String suffix,
                String what) {
            return reported(named(stream.process(function, type), suffix, what));
        }

        private <O> SingleOutputStreamOperator<O> reported(SingleOutputStreamOperator<O> operator) {
            inputs.reportPending(operator.getSideOutput(Pending.TAG));
            return operator;
        }
    }
}
