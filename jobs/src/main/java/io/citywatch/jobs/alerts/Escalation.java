package io.citywatch.jobs.alerts;

import io.citywatch.common.model.AlertLevel;

/**
 * How long an unacknowledged alert may wait before it is escalated (docs/contract.md §5): red 5
 * min, orange 15 min, yellow 30 min, blue never; escalations 1, 2, 3 follow at the same interval.
 */
public final class Escalation {
    public static final int MAX_ESCALATIONS = 3;
    private static final long MINUTE = 60_000;

    private Escalation() {}

    /** The interval for a level, or -1 where alerts of that level never escalate. */
    public static long intervalMillis(AlertLevel level) {
        return switch (level) {
            case red -> 5 * MINUTE;
            case orange -> 15 * MINUTE;
            case yellow -> 30 * MINUTE;
            case blue -> -1;
        };
    }
}
