package io.citywatch.launcher;

import io.citywatch.common.model.Alert;
import io.citywatch.common.time.EventTimes;

/** One alert change as a console line, coloured by level on a terminal. */
final class AlertLine {
    private static final String RESET = "\u001b[0m";

    private AlertLine() {}

    static String render(Alert alert, boolean colour) {
        String line =
                String.format(
                        "%s %-7s %-8s %-20s %-14s %s",
                        EventTimes.format(alert.changeTs),
                        alert.level,
                        alert.status,
                        alert.ruleId,
                        alert.riskPointId,
                        alert.message);
        return colour ? code(alert) + line + RESET : line;
    }

    private static String code(Alert alert) {
        return switch (alert.level) {
            case red -> "\u001b[31m";
            case orange -> "\u001b[38;5;208m";
            case yellow -> "\u001b[33m";
            case blue -> "\u001b[34m";
        };
    }
}
