package io.citywatch.jobs.rules;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.RiskPointRuleUnit;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The streams rules read, with event time and watermarks assigned and late records removed, and the
 * intermediate streams that several rules share (built once, whoever asks first).
 */
public class RuleInputs {
    private final DataStream<DeviceEvent> deviceEvents;
    private final DataStream<IncidentEvent> incidents;
    private final RuleSettings settings;
    private final Map<String, DataStream<?>> shared = new HashMap<>();
    private final List<DataStream<PendingTimeout>> pending = new ArrayList<>();
    private final List<DeviceRuleUnit<?>> hostedUnits = new ArrayList<>();
    private final List<RiskPointRuleUnit<?>> riskPointUnits = new ArrayList<>();

    public RuleInputs(
            DataStream<DeviceEvent> deviceEvents,
            DataStream<IncidentEvent> incidents,
            RuleSettings settings) {
        this.deviceEvents = deviceEvents;
        this.incidents = incidents;
        this.settings = settings;
    }

    /**
     * {@code stream} keyed by device without a shuffle. Only for a stream that comes from {@link
     * #deviceEvents()}, or from an operator keyed by device, through operators that keep each
     * record on its subtask: the registry join is keyed by device, so every device's events are
     * already where a keyBy would send them. Chained instead of shuffled, a reading is not
     * serialized and copied again for every rule that reads it.
     */
    public static <T> KeyedStream<T, String> byDevice(
            DataStream<T> stream, KeySelector<T, String> deviceId) {
        return DataStreamUtils.reinterpretAsKeyedStream(stream, deviceId, Types.STRING);
    }

    /**
     * Readings and registry changes per device, in one stream under one watermark, partitioned by
     * device (see {@link #byDevice}).
     */
    public DataStream<DeviceEvent> deviceEvents() {
        return deviceEvents;
    }

    public DataStream<IncidentEvent> incidents() {
        return incidents;
    }

    public RuleSettings settings() {
        return settings;
    }

    /** The wiring of {@code rule}'s operators: uids and names from its {@link Rule#id()}. */
    public RuleWiring wiring(Rule rule) {
        return new RuleWiring(this, rule.id());
    }

    /**
     * The wiring of a stream that several rules share, whose operators are named after what they
     * compute rather than after a rule: uids {@code <prefix>.<suffix>}, names {@code <prefix>:
     * <what>}.
     */
    public RuleWiring wiring(String prefix) {
        return new RuleWiring(this, prefix);
    }

    /**
     * Adds the units that {@code rules} need in the device rule host ({@link Rule#deviceUnits}) and
     * in the risk point rule host ({@link Rule#riskPointUnits}), each once; before any rule's
     * matches are built, since a host is built with the first of its rules.
     */
    public void hostUnitsOf(List<Rule> rules) {
        for (Rule rule : rules) {
            addOnce(hostedUnits, rule.deviceUnits(settings), DeviceRuleUnit::ruleId);
            addOnce(riskPointUnits, rule.riskPointUnits(settings), RiskPointRuleUnit::ruleId);
        }
    }

    private static <U> void addOnce(List<U> known, List<U> units, Function<U, String> ruleId) {
        for (U unit : units) {
            String id = ruleId.apply(unit);
            if (known.stream().noneMatch(other -> ruleId.apply(other).equals(id))) {
                known.add(unit);
            }
        }
    }

    public List<DeviceRuleUnit<?>> hostedUnits() {
        return hostedUnits;
    }

    /** The units of the risk point rule host, added with the device rule host's. */
    public List<RiskPointRuleUnit<?>> riskPointUnits() {
        return riskPointUnits;
    }

    /** A rule operator's side output of timers beyond a replay's end, for the summary. */
    public void reportPending(DataStream<PendingTimeout> timeouts) {
        pending.add(timeouts);
    }

    public List<DataStream<PendingTimeout>> pendingTimeouts() {
        return pending;
    }

    /** A stream that more than one rule consumes, built by the first rule that asks for it. */
    @SuppressWarnings("unchecked")
    public <T> DataStream<T> shared(String name, Supplier<DataStream<T>> build) {
        DataStream<?> stream = shared.get(name);
        if (stream == null) {
            stream = build.get();
            shared.put(name, stream);
        }
        return (DataStream<T>) stream;
    }
}
