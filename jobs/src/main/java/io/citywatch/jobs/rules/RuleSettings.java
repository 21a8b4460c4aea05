package io.citywatch.jobs.rules;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/** Job-wide settings that rules and alert episodes read. */
public class RuleSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Event time at which a replay's clock stops; no timer beyond it fires. */
    public final long clockStopTs;

    public final boolean chinese;
    public final long clearAfterMillis;

    public RuleSettings(long clockStopTs, Locale locale, Duration clearAfter) {
        this.clockStopTs = clockStopTs;
        this.chinese = "zh".equals(locale.getLanguage());
        this.clearAfterMillis = clearAfter.toMillis();
    }

    public static RuleSettings defaults() {
        return new RuleSettings(Long.MAX_VALUE, Locale.ENGLISH, Duration.ofMinutes(10));
    }

    /** True when a timer due at {@code ts} lies beyond the end of a replay's input. */
    public boolean beyondClockStop(long ts) {
        return ts > clockStopTs;
    }

    /** The alert text in the configured language; both take the same format arguments. */
    public String text(String english, String chineseText, Object... args) {
        return String.format(Locale.ROOT, chinese ? chineseText : english, args);
    }
}
