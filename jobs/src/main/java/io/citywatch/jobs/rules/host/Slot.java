package io.citywatch.jobs.rules.host;

import java.io.Serializable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One field of a rule host's state entry {@code H}, read and written: a unit's state, or the host's
 * timer and buffer. The slots are the state classes' constants, next to their fields, so that the
 * fields stay where Flink's serializer of an earlier build looks for them.
 */
public class Slot<H, S> implements Serializable {
    public interface Get<H, S> extends Function<H, S>, Serializable {}

    public interface Set<H, S> extends BiConsumer<H, S>, Serializable {}

    private final Get<H, S> get;
    private final Set<H, S> set;

    public Slot(Get<H, S> get, Set<H, S> set) {
        this.get = get;
        this.set = set;
    }

    public S of(H holder) {
        return get.apply(holder);
    }

    public void store(H holder, S state) {
        set.accept(holder, state);
    }
}
