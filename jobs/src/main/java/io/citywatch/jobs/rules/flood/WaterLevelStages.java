package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.series.EventTimeOrdered;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The stage machine of one water-level gauge. "Rising over the previous reading" depends on order,
 * so readings are buffered until the watermark passes them and then taken in event-time order.
 *
 * <p>Stage 1 blue (within {@code blueMargin} below warning and rising), 2 yellow (≥ warning), 3
 * orange (≥ guarantee), 4 red (≥ record). The stage rises at once; it falls only when the level is
 * {@code hysteresis} below the threshold of the current stage, and the alert clears when the stage
 * falls to none.
 */
public class WaterLevelStages extends EventTimeOrdered<RuleMatch> {
    /** Without a reading for this long, a gauge with no open alert forgets its state. */
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;

    private transient ValueState<Double> previousLevel;
    private transient ValueState<Integer> stage;

    public WaterLevelStages(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        previousLevel =
                getRuntimeContext().getState(new ValueStateDescriptor<>("previous", Types.DOUBLE));
        stage = getRuntimeContext().getState(new ValueStateDescriptor<>("stage", Types.INT));
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return QUIET_MILLIS;
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        // an open alert keeps its stage: only the device.offline rule speaks for silence
        if (currentStage() == 0) {
            previousLevel.clear();
            stage.clear();
        }
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        step(event, out);
    }

    private void step(DeviceEvent event, Collector<RuleMatch> out) throws Exception {
        Reading reading = event.reading;
        Double[] thresholds = thresholds(event.site);
        Double previous = previousLevel.value();
        previousLevel.update(reading.value);
        if (thresholds[2] == null && thresholds[3] == null && thresholds[4] == null) {
            return;
        }
        int current = currentStage();
        int target = target(thresholds, reading.value, previous);
        if (target > current) {
            stage.update(target);
            out.collect(match(event, target, thresholds[target]));
            return;
        }
        if (current == 0) {
            return;
        }
        double hysteresis = FloodParams.HYSTERESIS.of(event.site);
        int held = 0;
        for (int level = current; level >= 1; level--) {
            if (thresholds[level] != null && reading.value > thresholds[level] - hysteresis) {
                held = level;
                break;
            }
        }
        int next = Math.max(target, held);
        stage.update(next);
        if (next == 0) {
            out.collect(clear(event));
        }
    }

    /** Index 1 blue … 4 red; null where the risk point has no such stage. */
    static Double[] thresholds(Site site) {
        Double warning = FloodParams.WARNING.orNull(site);
        Double[] thresholds = new Double[5];
        thresholds[1] = warning == null ? null : warning - FloodParams.BLUE_MARGIN.of(site);
        thresholds[2] = warning;
        thresholds[3] = FloodParams.GUARANTEE.orNull(site);
        thresholds[4] = FloodParams.RECORD.orNull(site);
        return thresholds;
    }

    static int target(Double[] thresholds, double level, Double previous) {
        for (int stage = 4; stage >= 2; stage--) {
            if (thresholds[stage] != null && level >= thresholds[stage]) {
                return stage;
            }
        }
        boolean rising = previous != null && level > previous;
        return thresholds[1] != null && level >= thresholds[1] && rising ? 1 : 0;
    }

    private int currentStage() throws Exception {
        Integer current = stage.value();
        return current == null ? 0 : current;
    }

    private static final String[] STAGE_NAMES = {
        "", "near-warning", "warning", "guarantee", "record"
    };
    private static final String[] STAGE_NAMES_ZH = {"", "接近警戒", "警戒", "保证", "历史最高"};

    private RuleMatch match(DeviceEvent event, int level, double threshold) {
        RuleMatch match = base(event);
        match.level = AlertLevel.values()[level - 1];
        match.evidence.add(Evidence.of(event.reading));
        match.message =
                settings.text(
                        "Water level %.2f m at %s (%s) has reached the %s stage (%.2f m)",
                        "%2$s（%3$s）水位 %1$.2f 米，达到%6$s水位（%5$.2f 米）",
                        event.reading.value,
                        event.site.name,
                        event.deviceId,
                        STAGE_NAMES[level],
                        threshold,
                        STAGE_NAMES_ZH[level]);
        return match;
    }

    private RuleMatch clear(DeviceEvent event) {
        RuleMatch match = base(event);
        match.clear = true;
        return match;
    }

    private RuleMatch base(DeviceEvent event) {
        RuleMatch match =
                RuleMatch.at(WaterLevelRule.ID, Scenario.flood, event.site, event.ts, event.ts)
                        .perDevice(event.deviceId);
        match.selfClearing = true;
        return match;
    }
}
