package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.device.CoverageState;
import io.citywatch.jobs.rules.flood.UnderpassState;

import java.util.List;

/**
 * Everything the hosted rules keep for one risk point, in one state entry: read once and written
 * once per input. A POJO, so Flink serializes it without Kryo and evolves it when a unit's field is
 * added (a new hosted rule starts with nothing in the old entries).
 */
public class RiskPointRuleState {
    // The host's fields (static: not part of the state).
    static final Slot<RiskPointRuleState, Long> TIMER =
            new Slot<>(p -> p.timer, (p, timer) -> p.timer = timer);
    static final Slot<RiskPointRuleState, List<RiskPointInput>> HELD =
            new Slot<>(p -> p.held, (p, held) -> p.held = held);

    // Each unit's field, for the unit to read and write.
    public static final Slot<RiskPointRuleState, CoverageState> COVERAGE =
            new Slot<>(p -> p.coverage, (p, s) -> p.coverage = s);
    public static final Slot<RiskPointRuleState, UnderpassState> UNDERPASS =
            new Slot<>(p -> p.underpass, (p, s) -> p.underpass = s);

    /** The risk point's one registered event-time timer: the earliest due time, or earlier. */
    public Long timer;

    /** The risk point as of its latest input. */
    public Site site;

    /** Inputs waiting for the watermark, in event-time order; null when none. */
    public List<RiskPointInput> held;

    public CoverageState coverage;
    public UnderpassState underpass;

    public RiskPointRuleState() {}
}
