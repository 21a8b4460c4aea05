package io.citywatch.jobs.rules.cep;

import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.WatermarkCeiling;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.PatternStream;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The wiring the CEP rules share: a rule's signals, keyed by risk point, optionally held at a
 * replay's clock stop ({@code <ruleId>.clock-stop}) and woken at window ends ({@code
 * <ruleId>.ticks}), into one pattern ({@code <ruleId>.cep}). The uids are part of savepoints.
 */
public final class RiskPointCep<T> {
    private final String ruleId;
    private final DataStream<T> signals;
    private final TypeInformation<T> type;
    private final KeySelector<T, String> riskPoint;

    private RiskPointCep(
            String ruleId,
            DataStream<T> signals,
            TypeInformation<T> type,
            KeySelector<T, String> riskPoint) {
        this.ruleId = ruleId;
        this.signals = signals;
        this.type = type;
        this.riskPoint = riskPoint;
    }

    public static <T> RiskPointCep<T> of(
            String ruleId, DataStream<T> signals, Class<T> type, KeySelector<T, String> riskPoint) {
        return new RiskPointCep<>(ruleId, signals, TypeInformation.of(type), riskPoint);
    }

    /** Holds the watermark at a replay's clock stop, so windows it never reached stay open. */
    public RiskPointCep<T> clockStop(RuleSettings settings) {
        return with(
                signals.transform(
                                ruleId + ": clock stop",
                                type,
                                new WatermarkCeiling<>(settings.clockStopTs))
                        .uid(ruleId + ".clock-stop"));
    }

    public RiskPointCep<T> windowEndTicks(WindowEndTicks<T> ticks) {
        return with(
                signals.keyBy(riskPoint)
                        .process(ticks, type)
                        .uid(ruleId + ".ticks")
                        .name(ruleId + ": window-end ticks"));
    }

    /** The signals as wired so far, for a side branch such as pending windows. */
    public DataStream<T> signals() {
        return signals;
    }

    public SingleOutputStreamOperator<RuleMatch> match(
            Pattern<T, ?> pattern, PatternProcessFunction<T, RuleMatch> onMatch) {
        return match(pattern, null, onMatch);
    }

    /** {@code comparator} orders the signals of one instant; null keeps their arrival order. */
    public SingleOutputStreamOperator<RuleMatch> match(
            Pattern<T, ?> pattern,
            EventComparator<T> comparator,
            PatternProcessFunction<T, RuleMatch> onMatch) {
        PatternStream<T> matches =
                comparator == null
                        ? CEP.pattern(signals.keyBy(riskPoint), pattern)
                        : CEP.pattern(signals.keyBy(riskPoint), pattern, comparator);
        return matches.process(onMatch).uid(ruleId + ".cep").name(ruleId + ": CEP");
    }

    private RiskPointCep<T> with(DataStream<T> wired) {
        return new RiskPointCep<>(ruleId, wired, type, riskPoint);
    }
}
