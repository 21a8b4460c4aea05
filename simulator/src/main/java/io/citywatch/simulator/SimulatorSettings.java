package io.citywatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What to simulate: the city, the time span, the scenarios and the rates of imperfect input. */
public final class SimulatorSettings {
    /** A scenario at a minute after the start of the simulation. */
    public record Planned(Scenarios.Scenario scenario, int minute) {}

    public long seed = 7;
    public int riskPoints = 48;
    public Instant start = Instant.parse("2026-07-14T00:00:00Z");
    public Duration duration = Duration.ofMinutes(Scenarios.MINUTES_NEEDED);
    public List<Planned> scenarios = new ArrayList<>(allScenarios());

    /** Share of readings followed by a malformed record (invalid JSON, unknown type, …). */
    public double malformedRate = 0.002;

    /** Share of quiet readings sent twice, as at-least-once devices do. */
    public double duplicateRate = 0.003;

    /** Share of readings delayed by 2-20 s, within the 30 s out-of-orderness bound. */
    public double outOfOrderRate = 0.01;

    /** Share of quiet readings delayed by about 7 minutes: dead-lettered as late. */
    public double lateRate = 0.001;

    public static List<Planned> allScenarios() {
        return Scenarios.ALL.stream().map(s -> new Planned(s, s.defaultMinute())).toList();
    }

    public long startMs() {
        return start.toEpochMilli();
    }

    public long endMs() {
        return startMs() + duration.toMillis();
    }

    /** The problem with these settings, or null when they can run. */
    public String problem() {
        if (riskPoints < 1) {
            return "--risk-points must be at least 1";
        }
        for (Planned planned : scenarios) {
            long needed = planned.minute() + minutesAfter(planned.scenario());
            if (needed > duration.toMinutes()) {
                return "scenario "
                        + planned.scenario().name()
                        + " at minute "
                        + planned.minute()
                        + " needs the simulation to run "
                        + needed
                        + " minutes; --duration is "
                        + duration.toMinutes()
                        + "m";
            }
        }
        for (var kind : io.citywatch.common.model.RiskPointKind.values()) {
            long wanted = scenarios.stream().filter(p -> p.scenario().kind() == kind).count();
            long have = (riskPoints + 5 - kind.ordinal()) / 6;
            if (wanted > have) {
                return "the scenarios need "
                        + wanted
                        + " risk points of kind "
                        + kind
                        + " but "
                        + riskPoints
                        + " risk points give "
                        + have
                        + "; raise --risk-points to at least "
                        + (wanted * 6);
            }
        }
        return null;
    }

    /** Event time a scenario needs after its start until its last expected alert has fired. */
    static int minutesAfter(Scenarios.Scenario scenario) {
        return switch (scenario.name()) {
            case "stuck_sensor" -> 55;
            case "incident_unacknowledged" -> 35;
            case "river_flood" -> 90;
            case "slope_acceleration", "rain_then_movement" -> 75;
            default -> 20;
        };
    }
}
