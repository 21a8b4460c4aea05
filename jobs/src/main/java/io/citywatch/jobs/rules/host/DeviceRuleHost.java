package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleParam;
import io.citywatch.jobs.rules.flood.FloodParams;
import io.citywatch.jobs.rules.geo.GeoParams;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    /**
     * Thresholds the hosted rules and their consumers read (coverage.gap reads offline matches).
     */
    private static final List<String> KEPT_PARAMETERS = List.of("device.", "coverage.");

    /**
     * Thresholds only the devices of one sensor type read, kept for those alone. The risk point is
     * kept per device for as long as its offline deadline runs, i.e. always: a river station's
     * flood stages (about 70 B) would otherwise sit beside its rain gauge's and its gateway's too.
     * Doing the threshold work as a reading is held instead would cost every held reading of every
     * device a field per rule, and keep the stage thresholds of the gauge all the same.
     */
    private static final Map<SensorType, List<RuleParam>> KEPT_FOR_TYPE =
            Map.of(
                    SensorType.WATER_LEVEL,
                    List.of(
                            FloodParams.WARNING,
                            FloodParams.GUARANTEE,
                            FloodParams.RECORD,
                            FloodParams.BLUE_MARGIN,
                            FloodParams.HYSTERESIS,
                            FloodParams.RAPID_RISE,
                            FloodParams.RAPID_RISE_WINDOW),
                    SensorType.CRACK_WIDTH,
                    GeoParams.CRACK_JUMP_PARAMS);

    private final List<DeviceRuleUnit<?>> units;

    private transient ValueState<DeviceRuleState> state;
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
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
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
            adoptSite(device, event.site, event.type);
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
        int passed = 0;
        while (passed < device.held.size() && device.held.get(passed).ts <= now) {
            passed++;
        }
        if (passed == 0) {
            return;
        }
        List<HeldReading> due = new ArrayList<>(device.held.subList(0, passed));
        device.held =
                passed == device.held.size()
                        ? null
                        : new ArrayList<>(device.held.subList(passed, device.held.size()));
        String deviceId = context.deviceId();
        int from = 0;
        while (from < due.size()) {
            int to = from;
            while (to < due.size() && due.get(to).ts == due.get(from).ts) {
                to++;
            }
            List<DeviceEvent> instant = new ArrayList<>(to - from);
            for (HeldReading held : due.subList(from, to)) {
                instant.add(event(deviceId, held, held.site == null ? device.site : held.site));
            }
            for (DeviceRuleUnit<?> unit : units) {
                if (unit.inEventTimeOrder()) {
                    releaseTo(unit, device, instant);
                }
            }
            from = to;
        }
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
        int at = held.size();
        while (at > 0 && held.get(at - 1).ts > event.ts) {
            at--;
        }
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
     * Takes the event's risk point as the device's; readings waiting keep the one they came with.
     */
    private static void adoptSite(DeviceRuleState device, Site site, SensorType type) {
        if (device.site != null && sameTrimmed(device.site, site, type)) {
            return;
        }
        if (device.site != null && device.held != null) {
            for (HeldReading held : device.held) {
                if (held.site == null) {
                    held.site = device.site;
                }
            }
        }
        device.site = trimmed(site, type);
    }

    /**
     * The risk point without the thresholds no hosted rule reads: a risk point's thresholds are
     * most of a {@link Site}, and the hosted rules keep one per device of {@code type}.
     */
    public static Site trimmed(Site site, SensorType type) {
        Site copy = new Site();
        copy.riskPointId = site.riskPointId;
        copy.kind = site.kind;
        copy.name = site.name;
        copy.district = site.district;
        copy.grid = site.grid;
        copy.lat = site.lat;
        copy.lon = site.lon;
        copy.reportingPeriodSec = site.reportingPeriodSec;
        copy.deviceCount = site.deviceCount;
        copy.thresholds = keptThresholds(site, type);
        return copy;
    }

    private static Map<String, Double> keptThresholds(Site site, SensorType type) {
        Map<String, Double> kept = new HashMap<>();
        if (site.thresholds != null) {
            site.thresholds.forEach(
                    (key, value) -> {
                        if (kept(key, type)) {
                            kept.put(key, value);
                        }
                    });
        }
        return kept;
    }

    private static boolean kept(String parameter, SensorType type) {
        for (String prefix : KEPT_PARAMETERS) {
            if (parameter.startsWith(prefix)) {
                return true;
            }
        }
        for (RuleParam param : KEPT_FOR_TYPE.getOrDefault(type, List.of())) {
            if (param.key().equals(parameter)) {
                return true;
            }
        }
        return false;
    }

    /** Compared for every event that carries a risk point: without building the trimmed map. */
    private static boolean sameKeptThresholds(
            Map<String, Double> kept, Site site, SensorType type) {
        int seen = 0;
        if (site.thresholds != null) {
            for (Map.Entry<String, Double> threshold : site.thresholds.entrySet()) {
                if (kept(threshold.getKey(), type)) {
                    seen++;
                    if (!Objects.equals(threshold.getValue(), kept.get(threshold.getKey()))) {
                        return false;
                    }
                }
            }
        }
        return seen == kept.size();
    }

    private static boolean sameTrimmed(Site trimmed, Site site, SensorType type) {
        return Objects.equals(trimmed.riskPointId, site.riskPointId)
                && trimmed.kind == site.kind
                && Objects.equals(trimmed.name, site.name)
                && Objects.equals(trimmed.district, site.district)
                && Objects.equals(trimmed.grid, site.grid)
                && Double.compare(trimmed.lat, site.lat) == 0
                && Double.compare(trimmed.lon, site.lon) == 0
                && trimmed.reportingPeriodSec == site.reportingPeriodSec
                && trimmed.deviceCount == site.deviceCount
                && sameKeptThresholds(trimmed.thresholds, site, type);
    }

    /** Moves the timer to the earliest due time if that is earlier, and writes the state once. */
    private void finish(DeviceRuleState device, TimerService timers) throws Exception {
        long next = device.held == null ? DeviceRuleUnit.NO_DUE : device.held.get(0).ts;
        boolean holds = device.held != null;
        boolean siteNeeded = device.held != null;
        for (DeviceRuleUnit<?> unit : units) {
            long due = dueOf(unit, device);
            if (due != NOTHING) {
                holds = true;
                siteNeeded |= !unit.inEventTimeOrder();
                next = Math.min(next, due);
            }
        }
        if (!siteNeeded) {
            device.site = null;
        }
        if (next == DeviceRuleUnit.NO_DUE) {
            if (device.timer != null) {
                timers.deleteEventTimeTimer(device.timer);
                device.timer = null;
            }
        } else if (device.timer == null || next < device.timer) {
            if (device.timer != null) {
                timers.deleteEventTimeTimer(device.timer);
            }
            timers.registerEventTimeTimer(next);
            device.timer = next;
        }
        if (holds) {
            state.update(device);
        } else {
            state.clear();
        }
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
            return device.site;
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
                // as release hands it over: a unit may read the risk point (its kind)
                Site site = held.site == null ? device.site : held.site;
                if (unit.reads(event(deviceId, held, site))) {
                    return true;
                }
            }
            return false;
        }
    }
}
