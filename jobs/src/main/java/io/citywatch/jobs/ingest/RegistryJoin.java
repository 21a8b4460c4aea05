package io.citywatch.jobs.ingest;

import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.events.Traced;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins a keyed stream (input 1) with the registry (input 2, broadcast): the registry as it stood
 * when the job started, plus every later update of the registry topic, kept in broadcast state.
 *
 * <p>A record that names something the registry does not know is held for a while (processing time)
 * in case its registry record is still on the way, then dead-lettered: nothing is lost in the race
 * between registry and data. While records are held, the watermark this operator passes on stays
 * behind the oldest of them, so a record released after its hold is never late downstream.
 *
 * <p>A device that stayed unknown through its hold is not held again for {@link
 * #STAYED_UNKNOWN_FOR} (or until the registry changes): its readings are dead-lettered at once, so
 * that an unregistered device that keeps sending does not keep the whole city's clock behind.
 *
 * <p>The registry has no event time: its watermarks are ignored and only the keyed input's move
 * this operator's clock, so a replay's watermarks do not depend on when the registry was read.
 *
 * <p>An operator rather than a {@code KeyedBroadcastProcessFunction} because a function cannot hold
 * back the watermark. State names are those of Flink's {@code CoBroadcastWithKeyedOperator} that
 * ran this join before ({@code registry-updates}, {@code awaiting-registry}, {@code hold-timer},
 * timers {@code user-timers}), so savepoints taken with it restore.
 */
public abstract class RegistryJoin<IN extends Traced, OUT extends Traced>
        extends AbstractStreamOperator<OUT>
        implements TwoInputStreamOperator<IN, RegistryUpdate, OUT>,
                Triggerable<String, VoidNamespace> {

    public static final MapStateDescriptor<String, RegistryUpdate> REGISTRY_UPDATES =
            new MapStateDescriptor<>(
                    "registry-updates", Types.STRING, TypeInformation.of(RegistryUpdate.class));

    private static final int REGISTRY_INPUT = 1;

    /** How long a device that stayed unknown through a hold is not held again. */
    static final Duration STAYED_UNKNOWN_FOR = Duration.ofHours(1);

    private final RegistryAtStart registryAtStart;
    private final long holdMillis;
    private final ListStateDescriptor<IN> awaitingDescriptor;

    private transient RegistryAtStart.Loaded atStart;
    private transient Registry registry;

    /** One Site per risk point, shared by its events: built at the first event, not per event. */
    private transient Map<String, Site> sites;

    private transient BroadcastState<String, RegistryUpdate> updates;
    private transient ListState<IN> awaiting;
    private transient ValueState<Long> holdTimer;

    /** When the current key's last hold ran out with its records still unknown. */
    private transient ValueState<Long> stayedUnknownAt;

    /** When this subtask last applied a registry change: it may know a device now. */
    private transient long registryChangedAt;

    private transient InternalTimerService<VoidNamespace> timers;

    /** Event times of the records held on this subtask, with their counts. */
    private transient TreeMap<Long, Integer> heldTimes;

    private transient long inputWatermark;
    private transient long outputWatermark;

    /** Whether the keyed input is idle (every partition that feeds this subtask is quiet). */
    private transient boolean inputIdle;

    /** Whether this operator told downstream that it is idle. */
    private transient boolean announcedIdle;

    private transient Collector<OUT> out;

    protected RegistryJoin(
            RegistryAtStart registryAtStart, long holdMillis, TypeInformation<IN> inputType) {
        this.registryAtStart = registryAtStart;
        this.holdMillis = holdMillis;
        this.awaitingDescriptor = new ListStateDescriptor<>("awaiting-registry", inputType);
    }

    /** The enriched element, or null when the registry does not (yet) know what it refers to. */
    protected abstract OUT enrich(IN element, Registry registry);

    /** The dead letter for an element that stayed unknown. */
    protected abstract DeadLetter unknown(IN element);

    /** Called once per operator start, before any element or watermark, with the registry. */
    protected void onStart(Registry registry, Collector<OUT> out) {}

    /** Called after each registry update is applied. */
    protected void onRegistryChange(RiskPoint before, RiskPoint after, Collector<OUT> out) {}

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        updates = context.getOperatorStateStore().getBroadcastState(REGISTRY_UPDATES);
    }

    @Override
    public void open() throws Exception {
        super.open();
        out = new TimestampedOutput();
        atStart = registryAtStart.load();
        awaiting = getRuntimeContext().getListState(awaitingDescriptor);
        holdTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("hold-timer", Types.LONG));
        ValueStateDescriptor<Long> stayedUnknown =
                new ValueStateDescriptor<>("stayed-unknown-at", Types.LONG);
        stayedUnknown.enableTimeToLive(StateTtlConfig.newBuilder(STAYED_UNKNOWN_FOR).build());
        stayedUnknownAt = getRuntimeContext().getState(stayedUnknown);
        registryChangedAt = getProcessingTimeService().getCurrentProcessingTime();
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        inputWatermark = Long.MIN_VALUE;
        outputWatermark = Long.MIN_VALUE;
        inputIdle = false;
        announcedIdle = false;
        heldTimes = new TreeMap<>();
        // records restored in the hold still hold the watermark back
        getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        awaitingDescriptor,
                        (key, state) -> {
                            for (IN element : state.get()) {
                                hold(element);
                            }
                        });
        // the registry's watermarks never count (see processWatermark2)
        combinedWatermark.updateStatus(REGISTRY_INPUT, true);
    }

    @Override
    public void processElement1(StreamRecord<IN> element) throws Exception {
        IN value = element.getValue();
        OUT enriched = enrich(value, registry());
        if (enriched != null) {
            out.collect(enriched);
        } else if (holdMillis <= 0 || stayedUnknownSinceLastChange()) {
            deadLetter(unknown(value));
        } else {
            awaiting.add(value);
            hold(value);
            announceStatus();
            // the end of a bounded input (a replay of a backlog) comes as the last watermark and
            // would otherwise drop held records whose processing-time hold has not run out yet
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, Long.MAX_VALUE);
            if (holdTimer.value() == null) {
                long due = getProcessingTimeService().getCurrentProcessingTime() + holdMillis;
                timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, due);
                holdTimer.update(due);
            }
        }
    }

    @Override
    public void processElement2(StreamRecord<RegistryUpdate> element) throws Exception {
        RegistryUpdate update = element.getValue();
        Registry current = registry();
        if (!atStart.isNewer(update)) {
            // already part of the registry at start: applying it again would bring back, for a
            // moment, a version the start's registry has replaced
            return;
        }
        RiskPoint before = current.riskPoint(update.riskPointId);
        RiskPoint beforeCopy = before == null ? null : copyDevices(before);
        current.apply(update);
        registryChangedAt = getProcessingTimeService().getCurrentProcessingTime();
        sites.remove(update.riskPointId);
        updates.put(update.riskPointId, update);
        onRegistryChange(beforeCopy, current.riskPoint(update.riskPointId), out);
        if (holdMillis > 0) {
            releaseAwaiting(current);
            advanceOutputWatermark();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        registry(); // its announcements come before the first watermark
        inputWatermark = mark.getTimestamp();
        timeServiceManager.advanceWatermark(mark);
        advanceOutputWatermark();
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // the registry has no event time
    }

    /**
     * Idle downstream only while nothing is held. Flink drops the watermarks an operator emits
     * after it announced idle, and operators downstream leave an idle input out of their clock: a
     * hold that ends after the inputs fell quiet (the end of a burst, a quiet night) would never
     * move the rules' clock past the held records, and on a job with more subtasks the others'
     * clock would run past them and the released records would come late.
     */
    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int index) throws Exception {
        if (index == REGISTRY_INPUT) {
            return;
        }
        inputIdle = status.isIdle();
        if (combinedWatermark.updateStatus(index, inputIdle)) {
            processWatermark(new Watermark(combinedWatermark.getCombinedWatermark()));
        }
        announceStatus();
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        // the end of a bounded input: nothing more can come from the registry either
        Long due = holdTimer.value();
        if (due != null) {
            timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, due);
        }
        endHold();
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        if (endHold()) {
            stayedUnknownAt.update(timer.getTimestamp());
        }
        advanceOutputWatermark();
    }

    /**
     * Releases the current key's held records: enriched if known by now, else dead-lettered.
     * Returns whether any stayed unknown.
     */
    private boolean endHold() throws Exception {
        Registry current = registry();
        boolean stayedUnknown = false;
        for (IN element : awaiting.get()) {
            release(element);
            OUT enriched = enrich(element, current);
            if (enriched != null) {
                out.collect(enriched);
            } else {
                deadLetter(unknown(element));
                stayedUnknown = true;
            }
        }
        awaiting.clear();
        holdTimer.clear();
        return stayedUnknown;
    }

    /** Whether the current key stayed unknown through a hold since the registry last changed. */
    private boolean stayedUnknownSinceLastChange() throws Exception {
        Long at = stayedUnknownAt.value();
        return at != null && at >= registryChangedAt;
    }

    private void releaseAwaiting(Registry current) throws Exception {
        getKeyedStateBackend()
                .applyToAllKeys(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        awaitingDescriptor,
                        (key, state) -> {
                            List<IN> stillUnknown = new ArrayList<>();
                            for (IN element : state.get()) {
                                OUT enriched = enrich(element, current);
                                if (enriched != null) {
                                    release(element);
                                    out.collect(enriched);
                                } else {
                                    stillUnknown.add(element);
                                }
                            }
                            state.update(stillUnknown);
                        });
    }

    private void hold(IN element) {
        if (element.hasEventTime()) {
            heldTimes.merge(element.eventTime(), 1, Integer::sum);
        }
    }

    private void release(IN element) {
        if (element.hasEventTime()) {
            heldTimes.computeIfPresent(element.eventTime(), (ts, n) -> n == 1 ? null : n - 1);
        }
    }

    /**
     * The input's watermark, kept behind every record still held; then the input's idleness, once
     * nothing is held.
     */
    private void advanceOutputWatermark() {
        long allowed =
                heldTimes.isEmpty()
                        ? inputWatermark
                        : Math.min(inputWatermark, heldTimes.firstKey() - 1);
        if (allowed > outputWatermark) {
            outputWatermark = allowed;
            if (announcedIdle) {
                // an idle output drops watermarks
                announcedIdle = false;
                output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
            }
            output.emitWatermark(new Watermark(allowed));
        }
        announceStatus();
    }

    private void announceStatus() {
        boolean idle = inputIdle && heldTimes.isEmpty();
        if (idle != announcedIdle) {
            announcedIdle = idle;
            output.emitWatermarkStatus(idle ? WatermarkStatus.IDLE : WatermarkStatus.ACTIVE);
        }
    }

    private void deadLetter(DeadLetter letter) {
        output.collect(Outputs.DEAD_LETTERS, new StreamRecord<>(letter));
    }

    /**
     * The registry: the one at start, then the updates restored from state that are newer than it.
     * Built once per operator start; announces it to subclasses.
     */
    private Registry registry() throws Exception {
        if (registry == null) {
            sites = new HashMap<>();
            Registry built = atStart.registry();
            List<String> superseded = new ArrayList<>();
            for (Map.Entry<String, RegistryUpdate> update : updates.immutableEntries()) {
                if (atStart.isNewer(update.getValue())) {
                    built.apply(update.getValue());
                } else {
                    superseded.add(update.getKey());
                }
            }
            for (String riskPointId : superseded) {
                updates.remove(riskPointId);
            }
            registry = built;
            onStart(built, out);
        }
        return registry;
    }

    /** The shared Site of a risk point known to the registry. */
    protected Site site(RiskPoint point) {
        return sites.computeIfAbsent(point.riskPointId, id -> Site.of(point));
    }

    private static RiskPoint copyDevices(RiskPoint point) {
        RiskPoint copy = new RiskPoint();
        copy.riskPointId = point.riskPointId;
        copy.devices = new ArrayList<>(point.devices);
        return copy;
    }

    /** Emits with each element's own event time as its timestamp (none for registry changes). */
    private final class TimestampedOutput implements Collector<OUT> {
        private final StreamRecord<OUT> reuse = new StreamRecord<>(null);

        @Override
        public void collect(OUT record) {
            output.collect(reuse.replace(record, record.eventTime()));
        }

        @Override
        public void close() {}
    }
}
