package io.citywatch.jobs.rules.cep;

import org.apache.flink.cep.pattern.conditions.IterativeCondition;

import java.io.Serializable;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The condition of a pattern's second event: it is a {@code candidate} and pairs with one of the
 * events already taken as {@code earlier} (two detectors of one zone, two methane devices, rain
 * then movement).
 */
public final class PairsWith<T> extends IterativeCondition<T> {
    public interface Candidate<T> extends Predicate<T>, Serializable {}

    public interface Pairs<T> extends BiPredicate<T, T>, Serializable {}

    private final String earlier;
    private final Candidate<T> candidate;
    private final Pairs<T> pairs;

    public PairsWith(String earlier, Candidate<T> candidate, Pairs<T> pairs) {
        this.earlier = earlier;
        this.candidate = candidate;
        this.pairs = pairs;
    }

    @Override
    public boolean filter(T second, Context<T> ctx) throws Exception {
        if (!candidate.test(second)) {
            return false;
        }
        for (T first : ctx.getEventsForPattern(earlier)) {
            if (pairs.test(first, second)) {
                return true;
            }
        }
        return false;
    }
}
