package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.DeviceRules;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code coverage.gap} yellow (per risk point): {@code gapRatio} (half) or more of a risk point's
 * devices offline. Follows device.offline's episodes, so it opens and clears with them, in event
 * time: the devices of a risk point are judged on several subtasks, and their offline and online
 * changes arrive here in any order.
 */
public class CoverageGapRule extends Rule {
    public static final String ID = "coverage.gap";

    public CoverageGapRule() {
        super(ID);
    }

    /** Reads device.offline's matches, whether or not the job lists that rule. */
    @Override
    public List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return new DeviceOfflineRule().deviceUnits(settings);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return inputs.wiring(this)
                .from(DeviceRules.matchesOf(inputs, DeviceOfflineRule.ID))
                .filter(match -> match.site != null, "filter", "offline devices")
                .keyBy(match -> match.site.riskPointId)
                .process(new Coverage(inputs.settings()), "coverage", "coverage");
    }

    /** Counts the offline devices of one risk point, in the event-time order of their changes. */
    static class Coverage extends KeyedProcessFunction<String, RuleMatch, RuleMatch> {
        /** Within one instant: a device back online before one going offline. */
        private static final Comparator<RuleMatch> INSTANT_ORDER =
                Comparator.<RuleMatch, Boolean>comparing(change -> !change.clear)
                        .thenComparing(change -> change.deviceId);

        private final RuleSettings settings;
        private transient MapState<String, Long> offlineSince;
        private transient ValueState<Boolean> gapOpen;
        private transient MapState<Long, List<RuleMatch>> waiting;

        Coverage(RuleSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext openContext) {
            offlineSince =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "offline-since", Types.STRING, Types.LONG));
            gapOpen =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("gap-open", Types.BOOLEAN));
            waiting =
                    getRuntimeContext()
                            .getMapState(
                                    new MapStateDescriptor<>(
                                            "changes-awaiting-watermark",
                                            Types.LONG,
                                            Types.LIST(TypeInformation.of(RuleMatch.class))));
        }

        @Override
        public void processElement(RuleMatch change, Context ctx, Collector<RuleMatch> out)
                throws Exception {
            List<RuleMatch> atInstant = waiting.get(change.detectTs);
            if (atInstant == null) {
                atInstant = new ArrayList<>();
                ctx.timerService().registerEventTimeTimer(change.detectTs);
            }
            atInstant.add(change);
            waiting.put(change.detectTs, atInstant);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
                throws Exception {
            List<RuleMatch> atInstant = waiting.get(timestamp);
            if (atInstant == null) {
                return;
            }
            waiting.remove(timestamp);
            atInstant.sort(INSTANT_ORDER);
            for (RuleMatch change : atInstant) {
                apply(change, out);
            }
        }

        private void apply(RuleMatch device, Collector<RuleMatch> out) throws Exception {
            if (device.clear) {
                offlineSince.remove(device.deviceId);
            } else {
                offlineSince.put(device.deviceId, device.detectTs);
            }
            List<String> offline = new ArrayList<>();
            offlineSince.keys().forEach(offline::add);
            int total = device.site.deviceCount;
            double ratio = DeviceParams.GAP_RATIO.of(device.site);
            boolean gap = total > 0 && offline.size() >= ratio * total;
            boolean open = Boolean.TRUE.equals(gapOpen.value());
            if (gap && !open) {
                gapOpen.update(true);
                out.collect(gapMatch(device, offline, total));
            } else if (!gap && open) {
                gapOpen.clear();
                RuleMatch clear = base(device);
                clear.clear = true;
                out.collect(clear);
            }
            if (offline.isEmpty()) {
                offlineSince.clear();
            }
        }

        private RuleMatch gapMatch(RuleMatch device, List<String> offline, int total) {
            RuleMatch match = base(device);
            match.level = AlertLevel.yellow;
            offline.sort(String::compareTo);
            match.deviceIds.addAll(offline);
            match.message =
                    settings.text(
                            "%d of %d devices at %s are offline",
                            "%3$s 共 %2$d 个设备，其中 %1$d 个离线", offline.size(), total, device.site.name);
            return match;
        }

        private static RuleMatch base(RuleMatch device) {
            RuleMatch match =
                    RuleMatch.at(
                            ID, Scenario.device, device.site, device.detectTs, device.detectTs);
            match.selfClearing = true;
            return match;
        }
    }
}
