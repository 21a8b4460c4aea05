package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;

import java.util.Comparator;
import java.util.List;

/**
 * Runs every hosted {@link RiskPointRuleUnit} over one risk point's inputs (device events and other
 * rules' matches) with one state entry and one timer per risk point (see {@link UnitHost}). Inputs
 * for event-time units wait in the risk point's buffer; those of the same time go to a unit in its
 * {@link RiskPointRuleUnit#instantOrder}, else in arrival order, a repeated reading once.
 */
public class RiskPointRuleHost
        extends UnitHost<
                RiskPointInput,
                RiskPointRuleState,
                RiskPointInput,
                RiskPointRuleUnit<?>,
                RiskPointContext> {
    public RiskPointRuleHost(List<RiskPointRuleUnit<?>> units) {
        super(
                "risk-point-rules",
                RiskPointRuleState.class,
                RiskPointRuleState.TIMER,
                RiskPointRuleState.HELD,
                units);
    }

    @Override
    protected Bound newContext() {
        return new HostContext();
    }

    @Override
    protected RiskPointRuleState fresh() {
        return new RiskPointRuleState();
    }

    @Override
    protected Site site(RiskPointRuleState point) {
        return point.site;
    }

    @Override
    protected void adopt(RiskPointRuleState point, RiskPointInput input) {
        point.site = input.site();
    }

    @Override
    protected long time(RiskPointInput input) {
        return input.ts();
    }

    /**
     * The input as it came, risk point included: a risk point has a few inputs waiting at a time.
     */
    @Override
    protected RiskPointInput waiting(RiskPointInput input) {
        return input;
    }

    /** A device that sends a reading twice (a retry) must not count twice. */
    @Override
    protected boolean repeats(RiskPointInput earlier, RiskPointInput later) {
        return later.event != null && sameReading(earlier.event, later.event);
    }

    private static boolean sameReading(DeviceEvent held, DeviceEvent event) {
        return held != null
                && held.isReading()
                && event.isReading()
                && held.deviceId.equals(event.deviceId)
                && held.reading.type == event.reading.type
                && Double.compare(held.reading.value, event.reading.value) == 0;
    }

    @Override
    protected RiskPointInput input(
            String riskPointId, RiskPointRuleState point, RiskPointInput held) {
        return held;
    }

    @Override
    protected List<RiskPointInput> inTurn(RiskPointRuleUnit<?> unit, List<RiskPointInput> read) {
        Comparator<RiskPointInput> order = unit.instantOrder();
        if (order != null) {
            read.sort(order); // stable: arrival order where the unit's order has no preference
        }
        return read;
    }

    /** The context the units of one risk point see during one input or timer. */
    private final class HostContext extends Bound implements RiskPointContext {
        @Override
        public String riskPointId() {
            return key();
        }

        @Override
        public boolean inputsHeld() {
            return unitInputsHeld();
        }
    }
}
