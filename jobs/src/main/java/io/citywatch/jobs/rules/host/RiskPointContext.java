package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

/** What a {@link RiskPointRuleUnit} sees of its risk point and where it puts what it finds. */
public interface RiskPointContext {
    String riskPointId();

    /** The risk point as of its latest input. */
    Site site();

    long watermark();

    void emit(RuleMatch match);

    /** A due time beyond a replay's end: reported under the unit's rule, never acted on. */
    void pending(long dueTs);

    /** Whether inputs the unit reads still wait for the watermark (event-time units only). */
    boolean inputsHeld();
}
