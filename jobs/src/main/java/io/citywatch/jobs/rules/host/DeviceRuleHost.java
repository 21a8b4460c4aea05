package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.Reading;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every hosted {@link DeviceRuleUnit} over one device's events with one state entry and one
 * timer per device (the fraud-detection demo's many-rules-one-operator layout): a reading costs one
 * state read and one write however many rules read it, and the device's key is stored once.
 *
 * <p>Readings for event-time units wait in one buffer per device until the watermark passes them,
 * then go to each such unit that reads them, in event-time order (same time: arrival order; a
 * repeated reading at the same time once). The timer sits at the earliest due time of the buffer
 * and the units; when a due time moves later the timer stays, fires early and moves itself on,
 * instead of a delete and a register for every reading.
 */
public class DeviceRuleHost extends KeyedProcessFunction<String, DeviceEvent, RuleMatch> {
    private final List<DeviceRuleUnit<?>> units;

    private transient ValueState<DeviceRuleState> state;

    /**
     * The risk points of this subtask's devices, each kept once instead of in every device's state
     * (a description with its thresholds is most of what a device would keep). Not state: the
     * registry join announces every device with its risk point at each start, before any reading or
     * watermark, so this is whole again before a timer can fire.
     */
    private transient Map<String, Site> sites;

    private transient HostContext context;

    public DeviceRuleHost(List<DeviceRuleUnit<?>> units) {
        this.units = List.copyOf(units);
    }

    @Override
    public void open(OpenContext openContext) {
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "device-rules", TypeInformation.of(DeviceRuleState.class)));
        context = new HostContext();
        sites = new HashMap<>();
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        // every event's risk point counts, read or not: the announcements at start fill the
        // descriptions in before a timer can need them
        Site before = event.site == null ? null : remember(event.site);
        boolean arriving = false;
        boolean ordered = false;
        for (DeviceRuleUnit<?> unit : units) {
            if (unit.reads(event)) {
                arriving |= !unit.inEventTimeOrder();
                ordered |= unit.inEventTimeOrder();
            }
        }
        if (!arriving && !ordered) {
            return;
        }
        DeviceRuleState device = state.value();
        if (device == null) {
            device = new DeviceRuleState();
        }
        if (event.site != null) {
            adoptSite(device, event.site, before);
        }
        context.bind(ctx, out, device);
        for (DeviceRuleUnit<?> unit : units) {
            if (!unit.inEventTimeOrder() && unit.reads(event)) {
                onEvent(unit, device, event);
            }
        }
        if (ordered) {
            hold(device, event);
        }
        finish(device, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        DeviceRuleState device = state.value();
        if (device == null || device.timer == null || device.timer != timestamp) {
            return;
        }
        if (siteOf(device) == null) {
            // not announced since this start: the device left the registry while the job was
            // stopped (or its state comes from a build that kept no risk point id), and nothing it
            // holds can be judged or placed any more
            state.clear();
            return;
        }
        device.timer = null;
        context.bind(ctx, out, device);
        release(device, timestamp);
        for (DeviceRuleUnit<?> unit : units) {
            onDue(unit, device, timestamp);
        }
        finish(device, ctx.timerService());
    }

    private <S> void onEvent(DeviceRuleUnit<S> unit, DeviceRuleState device, DeviceEvent event) {
        context.unit = unit;
        unit.store(device, unit.onEvent(unit.state(device), event, context));
    }

    private <S> void onDue(DeviceRuleUnit<S> unit, DeviceRuleState device, long now) {
        S unitState = unit.state(device);
        if (unitState == null) {
            return;
        }
        long due = unit.due(unitState);
        if (due <= now) {
            context.unit = unit;
            unit.store(device, unit.onDue(unitState, due, context));
        }
    }

    /** Hands the readings the watermark has passed to the event-time units. */
    private void release(DeviceRuleState device, long now) {
        if (device.held == null) {
            return;
        }
        int passed = EventTimeBuffer.passed(device.held, held -> held.ts, now);
        if (passed == 0) {
            return;
        }
        List<HeldReading> due = new ArrayList<>(device.held.subList(0, passed));
        device.held = EventTimeBuffer.rest(device.held, passed);
        String deviceId = context.deviceId();
        EventTimeBuffer.byInstant(
                due,
                held -> held.ts,
                readings -> {
                    List<DeviceEvent> instant = new ArrayList<>(readings.size());
                    for (HeldReading held : readings) {
                        instant.add(event(deviceId, held, siteOf(device, held)));
                    }
                    for (DeviceRuleUnit<?> unit : units) {
                        if (unit.inEventTimeOrder()) {
                            releaseTo(unit, device, instant);
                        }
                    }
                });
    }

    private void releaseTo(
            DeviceRuleUnit<?> unit, DeviceRuleState device, List<DeviceEvent> instant) {
        List<DeviceEvent> taken = new ArrayList<>(instant.size());
        for (DeviceEvent event : instant) {
            // a device that sends a reading twice (a retry) must not count twice in a streak
            if (unit.reads(event) && taken.stream().noneMatch(seen -> sameReading(seen, event))) {
                taken.add(event);
                onEvent(unit, device, event);
            }
        }
    }

    private static boolean sameReading(DeviceEvent a, DeviceEvent b) {
        return a.reading.type == b.reading.type
                && Double.compare(a.reading.value, b.reading.value) == 0;
    }

    private static DeviceEvent event(String deviceId, HeldReading held, Site site) {
        Reading reading = new Reading(deviceId, held.type, held.value, held.ts);
        reading.fault = held.fault;
        DeviceEvent event = new DeviceEvent();
        event.kind = DeviceEventKind.READING;
        event.deviceId = deviceId;
        event.type = held.type;
        event.site = site;
        event.reading = reading;
        event.ts = held.ts;
        return event;
    }

    private static void hold(DeviceRuleState device, DeviceEvent event) {
        Reading reading = event.reading;
        List<HeldReading> held = device.held == null ? new ArrayList<>() : device.held;
        int at = EventTimeBuffer.insertionPoint(held, same -> same.ts, event.ts);
        for (int i = at - 1; i >= 0 && held.get(i).ts == event.ts; i--) {
            HeldReading same = held.get(i);
            if (same.type == reading.type
                    && Double.compare(same.value, reading.value) == 0
                    && same.fault == reading.fault) {
                return; // the same reading again: every unit would drop it
            }
        }
        held.add(at, new HeldReading(event.ts, reading.type, reading.value, reading.fault));
        device.held = held;
    }

    /**
     * Keeps {@code site} as its risk point's description; returns the one kept before (itself when
     * unchanged, null for none).
     */
    private Site remember(Site site) {
        Site known = sites.get(site.riskPointId);
        if (known != site && (known == null || !known.equals(site))) {
            sites.put(site.riskPointId, site);
        }
        return known;
    }

    /**
     * Takes the event's risk point as the device's. A reading waiting for the watermark keeps the
     * description it came with when the registry changes it meanwhile (in the rare case another
     * device of the risk point brought the change first, it is judged by the new one).
     */
    private void adoptSite(DeviceRuleState device, Site site, Site before) {
        boolean moved = !site.riskPointId.equals(device.riskPointId);
        boolean changed = before != site && (before == null || !before.equals(site));
        if (device.held != null && device.riskPointId != null && (moved || changed)) {
            Site cameWith = moved ? sites.get(device.riskPointId) : before;
            for (HeldReading held : device.held) {
                if (held.site == null) {
                    held.site = cameWith;
                }
            }
        }
        device.riskPointId = site.riskPointId;
    }

    /** Moves the timer to the earliest due time if that is earlier, and writes the state once. */
    private void finish(DeviceRuleState device, TimerService timers) throws Exception {
        long next = device.held == null ? DeviceRuleUnit.NO_DUE : device.held.get(0).ts;
        boolean holds = device.held != null;
        for (DeviceRuleUnit<?> unit : units) {
            long due = dueOf(unit, device);
            if (due != NOTHING) {
                holds = true;
                next = Math.min(next, due);
            }
        }
        device.timer = HostTimer.moved(timers, device.timer, next);
        if (holds) {
            state.update(device);
        } else {
            state.clear();
        }
    }

    private Site siteOf(DeviceRuleState device, HeldReading held) {
        return held.site == null ? siteOf(device) : held.site;
    }

    private Site siteOf(DeviceRuleState device) {
        return device.riskPointId == null ? null : sites.get(device.riskPointId);
    }

    /** A unit without state: distinct from a state with nothing due. */
    private static final long NOTHING = Long.MIN_VALUE;

    private static <S> long dueOf(DeviceRuleUnit<S> unit, DeviceRuleState device) {
        S unitState = unit.state(device);
        return unitState == null ? NOTHING : unit.due(unitState);
    }

    /** The context the units of one device see during one event or timer. */
    private final class HostContext implements UnitContext {
        private Context flink;
        private Collector<RuleMatch> out;
        private DeviceRuleState device;
        private DeviceRuleUnit<?> unit;

        void bind(Context flink, Collector<RuleMatch> out, DeviceRuleState device) {
            this.flink = flink;
            this.out = out;
            this.device = device;
        }

        @Override
        public String deviceId() {
            return flink.getCurrentKey();
        }

        @Override
        public Site site() {
            return siteOf(device);
        }

        @Override
        public long watermark() {
            return flink.timerService().currentWatermark();
        }

        @Override
        public void emit(RuleMatch match) {
            out.collect(match);
        }

        @Override
        public <T> void signal(OutputTag<T> tag, T value) {
            flink.output(tag, value);
        }

        @Override
        public void pending(long dueTs) {
            flink.output(Pending.TAG, new PendingTimeout(unit.ruleId(), deviceId(), dueTs));
        }

        @Override
        public boolean readingsHeld() {
            if (device.held == null) {
                return false;
            }
            String deviceId = deviceId();
            for (HeldReading held : device.held) {
                if (unit.reads(event(deviceId, held, siteOf(device, held)))) {
                    return true;
                }
            }
            return false;
        }
    }
}
