package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * A rain gauge's warning level from a table of trailing-sum thresholds: the highest level any row
 * reaches (per device, self-clearing). The level clears at the first reading where no row is
 * reached, or when the gauge has been silent for the longest window, after which every sum is 0.
 * The input comes from {@link RainSums}, already in event-time order per gauge.
 */
public class RainLevels extends KeyedProcessFunction<String, RainSum, RuleMatch> {
    private static final String[] LEVEL_ZH = {"蓝色", "黄色", "橙色", "红色"};

    private final String ruleId;
    private final Scenario scenario;
    private final List<RainThreshold> table;
    private final RuleSettings settings;

    /** 0 none, else the {@link AlertLevel#rank()} of the open level. */
    private transient ValueState<Integer> held;

    private transient ValueState<RainSum> latest;
    private transient ValueState<Long> quietTimer;

    public RainLevels(
            String ruleId, Scenario scenario, List<RainThreshold> table, RuleSettings settings) {
        this.ruleId = ruleId;
        this.scenario = scenario;
        this.table = List.copyOf(table);
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", Types.INT));
        latest =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "latest", TypeInformation.of(RainSum.class)));
        quietTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>("quiet-timer", Types.LONG));
    }

    @Override
    public void processElement(RainSum sum, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        int before = held.value() == null ? 0 : held.value();
        RainThreshold reached = highestReached(table, sum);
        int now = reached == null ? 0 : reached.level.rank();
        if (now > before) {
            out.collect(match(sum, reached));
        } else if (now == 0 && before > 0) {
            out.collect(clear(sum, sum.ts));
        }
        held.update(now);
        latest.update(sum);
        Long previous = quietTimer.value();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        long due = sum.ts + RainSums.LONGEST_WINDOW_MILLIS;
        ctx.timerService().registerEventTimeTimer(due);
        quietTimer.update(due);
    }

    /** The row of the highest level reached; of several, the shortest duration. */
    static RainThreshold highestReached(List<RainThreshold> table, RainSum sum) {
        RainThreshold best = null;
        for (RainThreshold row : table) {
            if (row.reachedBy(sum)
                    && (best == null
                            || row.level.isHigherThan(best.level)
                            || (row.level == best.level && row.hours < best.hours))) {
                best = row;
            }
        }
        return best;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        Long quiet = quietTimer.value();
        if (quiet == null || quiet != timestamp) {
            return;
        }
        Integer level = held.value();
        if (level != null && level > 0) {
            if (settings.beyondClockStop(timestamp)) {
                ctx.output(
                        Pending.TAG,
                        new PendingTimeout(ruleId + ".clear", ctx.getCurrentKey(), timestamp));
            } else {
                out.collect(clear(latest.value(), timestamp));
            }
        }
        held.clear();
        latest.clear();
        quietTimer.clear();
    }

    private RuleMatch match(RainSum sum, RainThreshold row) {
        RuleMatch match = base(sum, sum.ts);
        match.level = row.level;
        match.evidence.add(sum.reading);
        match.message =
                settings.text(
                        "Rain gauge %2$s at %1$s: %3$.1f mm in %4$d h reaches the %5$s threshold"
                                + " of %6$.0f mm",
                        "%1$s 雨量计 %2$s %4$d 小时降雨 %3$.1f 毫米，达到%7$s预警标准 %6$.0f 毫米",
                        sum.site.name,
                        sum.deviceId,
                        sum.sum(row.hours),
                        row.hours,
                        row.level.name(),
                        row.limit(sum.site),
                        LEVEL_ZH[row.level.ordinal()]);
        return match;
    }

    private RuleMatch clear(RainSum sum, long ts) {
        RuleMatch match = base(sum, ts);
        match.clear = true;
        return match;
    }

    private RuleMatch base(RainSum sum, long ts) {
        RuleMatch match = RuleMatch.at(ruleId, scenario, sum.site, ts, ts).perDevice(sum.deviceId);
        match.selfClearing = true;
        return match;
    }
}
