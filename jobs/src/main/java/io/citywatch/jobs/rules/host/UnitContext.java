package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.util.OutputTag;

/** What a {@link DeviceRuleUnit} sees of its device and where it puts what it finds. */
public interface UnitContext {
    String deviceId();

    /** The device's risk point as of its latest event; null before its first event with one. */
    Site site();

    long watermark();

    void emit(RuleMatch match);

    /**
     * A value another operator consumes (a CEP rule's signal), on the host's side output {@code
     * tag}: see {@link DeviceRules#signals}.
     */
    <T> void signal(OutputTag<T> tag, T value);

    /** A due time beyond a replay's end: reported under the unit's rule, never acted on. */
    void pending(long dueTs);

    /** Whether readings the unit reads still wait for the watermark (event-time units only). */
    boolean readingsHeld();
}
