package io.citywatch.jobs.ingest;

import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.events.Site;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a keyed stream with the registry: the initial registry file plus every update from the
 * registry topic, kept in broadcast state. A record that names something the registry does not know
 * is held for a while (processing time) in case its registry record is still on the way, then
 * dead-lettered: nothing is lost in the race between registry and data.
 */
public abstract class RegistryEnrichment<IN, OUT>
        extends KeyedBroadcastProcessFunction<String, IN, RegistryUpdate, OUT> {

    public static final MapStateDescriptor<String, RegistryUpdate> REGISTRY_UPDATES =
            new MapStateDescriptor<>(
                    "registry-updates", Types.STRING, TypeInformation.of(RegistryUpdate.class));

    private final List<RiskPoint> initialRegistry;
    private final long holdMillis;
    private final ListStateDescriptor<IN> awaitingDescriptor;

    private transient Registry registry;

    /** One Site per risk point, shared by its events: built at the first event, not per event. */
    private transient Map<String, Site> sites;

    private transient ListState<IN> awaiting;
    private transient ValueState<Long> holdTimer;

    protected RegistryEnrichment(
            List<RiskPoint> initialRegistry, long holdMillis, TypeInformation<IN> inputType) {
        this.initialRegistry = new ArrayList<>(initialRegistry);
        this.holdMillis = holdMillis;
        this.awaitingDescriptor = new ListStateDescriptor<>("awaiting-registry", inputType);
    }

    /** The enriched element, or null when the registry does not (yet) know what it refers to. */
    protected abstract OUT enrich(IN element, Registry registry);

    /** The dead letter for an element that stayed unknown. */
    protected abstract DeadLetter unknown(IN element);

    /** Called once per operator start, before any element, with the registry in force. */
    protected void onStart(Registry registry, Collector<OUT> out) {}

    /** Called after each registry update is applied. */
    protected void onRegistryChange(
            RiskPoint before, RiskPoint after, Context ctx, Collector<OUT> out) {}

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext openContext) {
        awaiting = getRuntimeContext().getListState(awaitingDescriptor);
        holdTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("hold-timer", Types.LONG));
    }

    @Override
    public void processElement(IN element, ReadOnlyContext ctx, Collector<OUT> out)
            throws Exception {
        Registry current = registryForUpdate(ctx.getBroadcastState(REGISTRY_UPDATES), out);
        OUT enriched = enrich(element, current);
        if (enriched != null) {
            out.collect(enriched);
        } else if (holdMillis <= 0) {
            ctx.output(Outputs.DEAD_LETTERS, unknown(element));
        } else {
            awaiting.add(element);
            // the end of a bounded input (a replay of a backlog) comes as the last watermark and
            // would otherwise drop held records whose processing-time hold has not run out yet
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            if (holdTimer.value() == null) {
                long due = ctx.timerService().currentProcessingTime() + holdMillis;
                ctx.timerService().registerProcessingTimeTimer(due);
                holdTimer.update(due);
            }
        }
    }

    @Override
    public void processBroadcastElement(RegistryUpdate update, Context ctx, Collector<OUT> out)
            throws Exception {
        Registry current = registryForUpdate(ctx.getBroadcastState(REGISTRY_UPDATES), out);
        RiskPoint before = current.riskPoint(update.riskPointId);
        RiskPoint beforeCopy = before == null ? null : copyDevices(before);
        current.apply(update);
        sites.remove(update.riskPointId);
        ctx.getBroadcastState(REGISTRY_UPDATES).put(update.riskPointId, update);
        onRegistryChange(beforeCopy, current.riskPoint(update.riskPointId), ctx, out);
        if (holdMillis > 0) {
            releaseAwaiting(current, ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        Registry current = registry(ctx.getBroadcastState(REGISTRY_UPDATES));
        for (IN element : awaiting.get()) {
            OUT enriched = enrich(element, current);
            if (enriched != null) {
                out.collect(enriched);
            } else {
                ctx.output(Outputs.DEAD_LETTERS, unknown(element));
            }
        }
        awaiting.clear();
        holdTimer.clear();
    }

    private void releaseAwaiting(Registry current, Context ctx, Collector<OUT> out)
            throws Exception {
        ctx.applyToKeyedState(
                awaitingDescriptor,
                (key, state) -> {
                    List<IN> stillUnknown = new ArrayList<>();
                    for (IN element : state.get()) {
                        OUT enriched = enrich(element, current);
                        if (enriched != null) {
                            out.collect(enriched);
                        } else {
                            stillUnknown.add(element);
                        }
                    }
                    state.update(stillUnknown);
                });
    }

    /** The registry, announcing it to subclasses the first time an element comes in. */
    private Registry registryForUpdate(
            ReadOnlyBroadcastState<String, RegistryUpdate> updates, Collector<OUT> out)
            throws Exception {
        boolean starting = registry == null;
        Registry current = registry(updates);
        if (starting) {
            onStart(current, out);
        }
        return current;
    }

    /** Built once per operator start: the initial file, then the updates restored from state. */
    private Registry registry(ReadOnlyBroadcastState<String, RegistryUpdate> updates)
            throws Exception {
        if (registry == null) {
            sites = new HashMap<>();
            Registry built = new Registry();
            for (RiskPoint point : initialRegistry) {
                built.apply(RegistryUpdate.upsert(point));
            }
            for (Map.Entry<String, RegistryUpdate> update : updates.immutableEntries()) {
                built.apply(update.getValue());
            }
            registry = built;
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
}
