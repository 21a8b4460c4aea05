package io.citywatch.jobs.rules.host;

import java.io.Serializable;

/**
 * One rule run by a {@link UnitHost} next to the others: plain Java, no Flink state or timers of
 * its own. The host keeps the unit's state object {@code S} inside the one state entry {@code H} of
 * its key, hands it to the unit with every input {@code IN} it reads and at its due time, and
 * stores what the unit returns (null: the unit holds nothing for the key).
 */
public interface RuleUnit<IN, H, C, S> extends Serializable {
    /** A state with nothing due. */
    long NO_DUE = Long.MAX_VALUE;

    /** The rule whose matches and pending timeouts this unit emits. */
    String ruleId();

    /** Whether the unit reads {@code input}; the host touches no state for an input none reads. */
    boolean reads(IN input);

    /**
     * True: the unit gets the inputs it reads in event-time order, each once the watermark passes
     * it, from the host's one buffer per key. False: every input as it arrives.
     */
    boolean inEventTimeOrder();

    /** The unit's slot in the key's state, null when it holds nothing. */
    S state(H holder);

    void store(H holder, S state);

    /** Reacts to one input; returns the state to keep, null for none. */
    S onEvent(S state, IN input, C context);

    /** When the unit wants {@link #onDue} next, or {@link #NO_DUE}; {@code state} is not null. */
    long due(S state);

    /** The watermark passed {@code due}; returns the state to keep, null for none. */
    S onDue(S state, long due, C context);
}
