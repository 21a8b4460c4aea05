package io.citywatch.jobs.cli;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.time.EventTimes;
import io.citywatch.jobs.rules.PendingTimeout;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The one-screen summary a replay prints. */
final class ReplaySummary {
    private ReplaySummary() {}

    static String render(
            Replay.Result result, Path alertsOut, Path deadLetterOut, Path capOut, long millis) {
        StringBuilder out = new StringBuilder();
        Replay.LineCounts lines = result.lines();
        out.append("CityWatch replay\n");
        if (result.clockStopTs() != Long.MIN_VALUE) {
            out.append(
                    String.format(
                            "  event time       %s → %s (the clock stops at the latest input event)%n",
                            EventTimes.format(result.firstEventTs()),
                            EventTimes.format(result.clockStopTs())));
        } else {
            out.append("  event time       none: no valid timed input\n");
        }
        out.append(
                String.format(
                        "  records read     %d readings, %d incidents, %d registry, %d actions%n",
                        lines.readings(), lines.incidents(), lines.registry(), lines.actions()));
        Map<String, Long> byReason =
                result.deadLetters().stream()
                        .collect(
                                Collectors.groupingBy(
                                        d -> d.reason.name(), TreeMap::new, Collectors.counting()));
        out.append(
                String.format(
                        "  rejected         %d%s%n",
                        result.deadLetters().size(), breakdown(byReason)));
        Map<String, AlertLevel> highest = new TreeMap<>();
        Map<String, String> ruleOf = new TreeMap<>();
        for (Alert alert : result.alerts()) {
            highest.merge(alert.alertId, alert.level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            ruleOf.put(alert.alertId, alert.ruleId);
        }
        Map<String, Long> byRuleAndLevel =
                highest.entrySet().stream()
                        .collect(
                                Collectors.groupingBy(
                                        e -> ruleOf.get(e.getKey()) + " " + e.getValue(),
                                        TreeMap::new,
                                        Collectors.counting()));
        out.append(
                String.format(
                        "  alerts           %d alerts in %d changes%s%n",
                        highest.size(), result.alerts().size(), breakdown(byRuleAndLevel)));
        Map<String, Long> pendingByRule =
                result.pending().stream()
                        .collect(
                                Collectors.groupingBy(
                                        (PendingTimeout p) -> p.ruleId,
                                        TreeMap::new,
                                        Collectors.counting()));
        out.append(
                String.format(
                        "  pending timeouts %d%s%n",
                        result.pending().size(), breakdown(pendingByRule)));
        out.append(
                String.format(
                        "  wrote            %s%s%s%n",
                        alertsOut,
                        deadLetterOut == null ? "" : ", " + deadLetterOut,
                        capOut == null
                                ? ""
                                : ", " + capOut + " (" + result.capMessages().size() + " CAP)"));
        out.append(String.format("  took             %.1f s%n", millis / 1000.0));
        return out.toString();
    }

    private static String breakdown(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", ": ", ""));
    }
}
