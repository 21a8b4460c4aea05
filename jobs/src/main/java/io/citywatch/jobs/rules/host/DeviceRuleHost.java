package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.Reading;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every hosted {@link DeviceRuleUnit} over one device's events with one state entry and one
 * timer per device (see {@link UnitHost}). Readings for event-time units wait in the device's
 * buffer; those of the same time go to a unit in arrival order, a repeated reading once.
 */
public class DeviceRuleHost
        extends UnitHost<
                DeviceEvent, DeviceRuleState, HeldReading, DeviceRuleUnit<?>, UnitContext> {
    /**
     * The risk points of this subtask's devices, each kept once instead of in every device's state
     * (a description with its thresholds is most of what a device would keep). Not state: the
     * registry join announces every device with its risk point at each start, before any reading or
     * watermark, so this is whole again before a timer can fire.
     */
    private transient Map<String, Site> sites;

    /** The description of the current event's risk point kept before the event: see adoptSite. */
    private transient Site before;

    public DeviceRuleHost(List<DeviceRuleUnit<?>> units) {
        super(
                "device-rules",
                DeviceRuleState.class,
                DeviceRuleState.TIMER,
                DeviceRuleState.HELD,
                units);
    }

    @Override
    public void open(OpenContext openContext) {
        super.open(openContext);
        sites = new HashMap<>();
    }

    @Override
    protected Bound newContext() {
        return new HostContext();
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        // every event's risk point counts, read or not: the announcements at start fill the
        // descriptions in before a timer can need them
        before = event.site == null ? null : remember(event.site);
        super.processElement(event, ctx, out);
    }

    @Override
    protected DeviceRuleState fresh() {
        return new DeviceRuleState();
    }

    @Override
    protected void adopt(DeviceRuleState device, DeviceEvent event) {
        if (event.site != null) {
            adoptSite(device, event.site, before);
        }
    }

    @Override
    protected boolean forgotten(DeviceRuleState device) {
        // not announced since this start: the device left the registry while the job was stopped
        // (or its state comes from a build that kept no risk point id), and nothing it holds can be
        // judged or placed any more
        return site(device) == null;
    }

    @Override
    protected long time(HeldReading held) {
        return held.ts;
    }

    @Override
    protected HeldReading waiting(DeviceEvent event) {
        Reading reading = event.reading;
        return new HeldReading(event.ts, reading.type, reading.value, reading.fault);
    }

    /** The same reading again: every unit would drop it. */
    @Override
    protected boolean repeats(HeldReading earlier, HeldReading later) {
        return earlier.type == later.type
                && Double.compare(earlier.value, later.value) == 0
                && earlier.fault == later.fault;
    }

    @Override
    protected DeviceEvent input(String deviceId, DeviceRuleState device, HeldReading held) {
        Reading reading = new Reading(deviceId, held.type, held.value, held.ts);
        reading.fault = held.fault;
        DeviceEvent event = new DeviceEvent();
        event.kind = DeviceEventKind.READING;
        event.deviceId = deviceId;
        event.type = held.type;
        event.site = siteOf(device, held);
        event.reading = reading;
        event.ts = held.ts;
        return event;
    }

    @Override
    protected List<DeviceEvent> inTurn(DeviceRuleUnit<?> unit, List<DeviceEvent> read) {
        List<DeviceEvent> taken = new ArrayList<>(read.size());
        for (DeviceEvent event : read) {
            // a device that sends a reading twice (a retry) must not count twice in a streak
            if (taken.stream().noneMatch(seen -> sameReading(seen, event))) {
                taken.add(event);
            }
        }
        return taken;
    }

    private static boolean sameReading(DeviceEvent a, DeviceEvent b) {
        return a.reading.type == b.reading.type
                && Double.compare(a.reading.value, b.reading.value) == 0;
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

    private Site siteOf(DeviceRuleState device, HeldReading held) {
        return held.site == null ? site(device) : held.site;
    }

    @Override
    protected Site site(DeviceRuleState device) {
        return device.riskPointId == null ? null : sites.get(device.riskPointId);
    }

    /** The context the units of one device see during one event or timer. */
    private final class HostContext extends Bound implements UnitContext {
        @Override
        public String deviceId() {
            return key();
        }

        @Override
        public <T> void signal(OutputTag<T> tag, T value) {
            flink().output(tag, value);
        }

        @Override
        public boolean readingsHeld() {
            return unitInputsHeld();
        }
    }
}
