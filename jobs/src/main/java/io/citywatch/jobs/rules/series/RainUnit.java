package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.host.UnitSlot;

import java.io.Serializable;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A rain gauge's warning level from a table of trailing-sum thresholds: the highest level any row
 * reaches (per device, self-clearing). The level clears at the first reading where no row is
 * reached, or when the gauge has been silent for the longest window, after which every sum is 0.
 *
 * <p>A rainfall reading is the rain since the gauge's previous reading, so the window of {@code h}
 * hours ending at {@code t} holds the readings with time in {@code (t − h, t]}: a reading at
 * exactly {@code t − h} measured rain that fell before the window.
 */
public class RainUnit extends OrderedReadingsUnit<RainState> {
    public static final int[] WINDOW_HOURS = {1, 3, 6, 12, 24};

    public static final long LONGEST_WINDOW_MILLIS = 24 * 3600 * 1000L;

    private static final String[] LEVEL_ZH = {"蓝色", "黄色", "橙色", "红色"};

    /** What else a rule does with a gauge's sums (a CEP rule's signal), after its level. */
    public interface OnSums extends BiConsumer<RainSum, UnitContext>, Serializable {}

    private final Scenario scenario;
    private final List<RainThreshold> table;
    private final OnSums onSums;

    public RainUnit(
            String ruleId,
            Scenario scenario,
            List<RainThreshold> table,
            RuleSettings settings,
            Reads reads,
            UnitSlot<RainState> slot,
            OnSums onSums) {
        super(settings, ruleId, reads, slot, RainState::new);
        this.scenario = scenario;
        this.table = List.copyOf(table);
        this.onSums = onSums;
    }

    /** A valid rainfall reading: a rule adds the kinds of risk point whose gauges it reads. */
    public static boolean isRainfall(DeviceEvent event) {
        return event.isValidReading() && event.reading.type == SensorType.RAINFALL;
    }

    @Override
    protected void step(RainState state, DeviceEvent event, UnitContext context) {
        add(state, event.ts, event.reading.value);
        RainSum sum = sums(event, state);
        judge(state, sum, context);
        onSums.accept(sum, context);
    }

    /** The level at {@code sum}: a new, higher one is a match, none after one is a clear. */
    void judge(RainState state, RainSum sum, UnitContext context) {
        int before = state.level;
        RainThreshold reached = highestReached(table, sum);
        int now = reached == null ? 0 : reached.level.rank();
        if (now > before) {
            context.emit(match(sum, reached));
        } else if (now == 0 && before > 0) {
            context.emit(clear(sum.site, sum.deviceId, sum.ts));
        }
        state.level = now;
    }

    /**
     * Puts a reading of {@code mm} at {@code ts} into the window and drops those that left it. The
     * same instant twice is the same interval sent again: the later one counts, once.
     */
    public static void add(RainState state, long ts, double mm) {
        int n = state.ts == null ? 0 : state.ts.length;
        if (n > 0 && state.ts[n - 1] == ts) {
            n--;
        }
        int from = 0;
        while (from < n && state.ts[from] <= ts - LONGEST_WINDOW_MILLIS) {
            from++;
        }
        // 0 mm adds nothing to a sum: x + 0.0 is x, so the sums stay the same to the last bit
        int kept = n - from + (mm != 0 ? 1 : 0);
        if (kept == 0) {
            state.ts = null;
            state.mm = null;
            return;
        }
        long[] times = new long[kept];
        double[] amounts = new double[kept];
        if (n > from) {
            System.arraycopy(state.ts, from, times, 0, n - from);
            System.arraycopy(state.mm, from, amounts, 0, n - from);
        }
        if (mm != 0) {
            times[kept - 1] = ts;
            amounts[kept - 1] = mm;
        }
        state.ts = times;
        state.mm = amounts;
    }

    /** The gauge's trailing sums at {@code event}, whose reading is already in the window. */
    public static RainSum sums(DeviceEvent event, RainState window) {
        RainSum sum = new RainSum();
        sum.deviceId = event.deviceId;
        sum.site = event.site;
        sum.ts = event.ts;
        sum.reading = Evidence.of(event.reading);
        for (int hours : WINDOW_HOURS) {
            long from = event.ts - hours * 3_600_000L;
            double total = 0;
            if (window.ts != null) {
                for (int i = 0; i < window.ts.length; i++) {
                    if (window.ts[i] > from) {
                        total += window.mm[i];
                    }
                }
            }
            sum.set(hours, total);
        }
        return sum;
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

    /** The level, and the window, until the gauge has been silent for the longest window. */
    @Override
    protected boolean holdsState(RainState state) {
        return state.ts != null || state.level > 0;
    }

    @Override
    protected boolean alertOpen(RainState state) {
        return state.level > 0;
    }

    /**
     * The levels were an operator of their own, whose day of silence ran on its own timer while a
     * later reading still waited in the sums before it: the level clears then, as it did.
     */
    @Override
    protected void quietWhileHeld(RainState state, long due, UnitContext context) {
        quiet(state, due, context);
    }

    @Override
    protected void forget(RainState state, String deviceId, long ts, UnitContext context) {
        if (state.level > 0) {
            context.emit(clear(context.site(), deviceId, ts));
        }
        state.level = 0;
        state.ts = null;
        state.mm = null;
    }

    @Override
    protected boolean empty(RainState state) {
        return state.ts == null && state.level == 0;
    }

    private RuleMatch match(RainSum sum, RainThreshold row) {
        RuleMatch match = base(sum.site, sum.deviceId, sum.ts);
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

    private RuleMatch clear(Site site, String deviceId, long ts) {
        RuleMatch match = base(site, deviceId, ts);
        match.clear = true;
        return match;
    }

    private RuleMatch base(Site site, String deviceId, long ts) {
        RuleMatch match = RuleMatch.at(ruleId(), scenario, site, ts, ts).perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }
}
