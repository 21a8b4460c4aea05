package io.citywatch.simulator;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import java.util.List;
import java.util.Locale;

import static io.citywatch.common.model.AlertLevel.blue;
import static io.citywatch.common.model.AlertLevel.orange;
import static io.citywatch.common.model.AlertLevel.red;
import static io.citywatch.common.model.AlertLevel.yellow;

/**
 * The scenarios the simulator can inject, each at a risk point of its kind, with the alerts the
 * rule catalogue (docs/contract.md §4) must raise for it. The default times fit the default two
 * simulated hours and leave every rule the event time it needs (a stuck sensor 40 minutes, an
 * unacknowledged incident 30).
 */
public final class Scenarios {
    private static final long MINUTE = 60_000L;

    /** Writes one scenario at {@code site} from event time {@code at} into the script. */
    @FunctionalInterface
    interface Injector {
        void inject(SimSite site, long at, Script script, Scenario scenario);
    }

    /** One injectable scenario. */
    public record Scenario(
            String name,
            String family,
            RiskPointKind kind,
            int defaultMinute,
            String description,
            Injector injector) {

        void expect(
                Script s,
                String ruleId,
                SimSite site,
                SimDevice device,
                AlertLevel level,
                long at) {
            s.expect(name, family, ruleId, site, device, level, at);
        }
    }

    public static final List<Scenario> ALL =
            List.of(
                    new Scenario(
                            "fire_confirmed",
                            "fire",
                            RiskPointKind.high_rise,
                            20,
                            "smoke then heat on one floor, and a 119 call",
                            Scenarios::fireConfirmed),
                    new Scenario(
                            "fire_unconfirmed",
                            "fire",
                            RiskPointKind.high_rise,
                            35,
                            "one smoke detector alarms alone",
                            Scenarios::fireUnconfirmed),
                    new Scenario(
                            "pump_failure",
                            "fire",
                            RiskPointKind.high_rise,
                            50,
                            "the fire main loses pressure and the pump does not start",
                            Scenarios::pumpFailure),
                    new Scenario(
                            "stuck_sensor",
                            "device",
                            RiskPointKind.high_rise,
                            15,
                            "a heat detector repeats one value for 50 minutes",
                            Scenarios::stuckSensor),
                    new Scenario(
                            "incident_unacknowledged",
                            "incident",
                            RiskPointKind.high_rise,
                            60,
                            "a structural report nobody acknowledges",
                            Scenarios::incidentUnacknowledged),
                    new Scenario(
                            "slope_acceleration",
                            "geohazard",
                            RiskPointKind.slope,
                            15,
                            "a GNSS point accelerates to 8 mm/h",
                            Scenarios::slopeAcceleration),
                    new Scenario(
                            "rain_then_movement",
                            "geohazard",
                            RiskPointKind.slope,
                            25,
                            "60 mm of rain in 30 minutes, then the slope creeps",
                            Scenarios::rainThenMovement),
                    new Scenario(
                            "crack_jump",
                            "geohazard",
                            RiskPointKind.slope,
                            45,
                            "a crack on a dangerous rock opens 2.6 mm in 5 minutes",
                            Scenarios::crackJump),
                    new Scenario(
                            "river_flood",
                            "flood",
                            RiskPointKind.river_station,
                            10,
                            "the river rises 1.5 m/h past warning, guarantee and record",
                            Scenarios::riverFlood),
                    new Scenario(
                            "underpass_flooding",
                            "flood",
                            RiskPointKind.underpass,
                            40,
                            "a cloudburst and 36 cm of water in an underpass",
                            Scenarios::underpassFlooding),
                    new Scenario(
                            "incident_cluster",
                            "incident",
                            RiskPointKind.underpass,
                            75,
                            "three citizens report waterlogging within 7 minutes",
                            Scenarios::incidentCluster),
                    new Scenario(
                            "sensor_fault",
                            "device",
                            RiskPointKind.underpass,
                            85,
                            "a depth sensor reads beyond its physical span",
                            Scenarios::sensorFault),
                    new Scenario(
                            "gas_leak",
                            "gas",
                            RiskPointKind.gas_network,
                            30,
                            "methane at one detector reaches 27 %LEL",
                            Scenarios::gasLeak),
                    new Scenario(
                            "gas_spread",
                            "gas",
                            RiskPointKind.gas_network,
                            65,
                            "methane reaches 56 %LEL and spreads to a second detector",
                            Scenarios::gasSpread),
                    new Scenario(
                            "coverage_gap",
                            "device",
                            RiskPointKind.gas_network,
                            70,
                            "a power cut silences every device of a gas network",
                            Scenarios::coverageGap),
                    new Scenario(
                            "bridge_exceedance",
                            "bridge",
                            RiskPointKind.bridge,
                            55,
                            "strain on a span beyond its orange limit",
                            Scenarios::bridgeExceedance),
                    new Scenario(
                            "device_offline",
                            "device",
                            RiskPointKind.bridge,
                            30,
                            "a deflection sensor goes silent",
                            Scenarios::deviceOffline));

    /** The latest default minute plus what its rules need: the default duration must cover it. */
    public static final int MINUTES_NEEDED = 120;

    private Scenarios() {}

    public static Scenario named(String name) {
        return ALL.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown scenario "
                                                + name
                                                + "; known: "
                                                + String.join(
                                                        ", ",
                                                        ALL.stream()
                                                                .map(Scenario::name)
                                                                .toList())));
    }

    private static void fireConfirmed(SimSite site, long at, Script s, Scenario sc) {
        SimDevice smoke = site.device(SensorType.SMOKE, 0);
        SimDevice heat = site.device(SensorType.TEMPERATURE, 0);
        s.sequence(smoke, at, 4.2, 6.5, 8.1, 7.4, 5.0, 2.4, 1.1, 0.6);
        s.sequence(heat, at + MINUTE, 31, 68, 74, 70, 55, 40, 30);
        String id = incidentId(site, at);
        s.incident(at + 90_000, id, "hotline_119", "fire", "reported", site, null, null);
        s.incident(at + 150_000, id, "hotline_119", "fire", "acknowledged", site, null, null);
        s.incident(at + 240_000, id, "hotline_119", "fire", "dispatched", site, null, null);
        s.incident(at + 600_000, id, "hotline_119", "fire", "on_site", site, null, null);
        s.incident(at + 25 * MINUTE, id, "hotline_119", "fire", "resolved", site, null, null);
        sc.expect(s, "fire.detector_alarm", site, null, yellow, at);
        sc.expect(s, "fire.confirmed", site, null, red, at + MINUTE);
    }

    private static void fireUnconfirmed(SimSite site, long at, Script s, Scenario sc) {
        s.sequence(site.device(SensorType.SMOKE, 0), at, 3.4, 3.9, 3.3);
        sc.expect(s, "fire.detector_alarm", site, null, yellow, at);
    }

    private static void pumpFailure(SimSite site, long at, Script s, Scenario sc) {
        s.sequence(site.device(SensorType.WATER_PRESSURE, 0), at, 0.07, 0.05, 0.04, 0.06);
        sc.expect(s, "fire.pump_failed", site, null, orange, at);
        sc.expect(s, "fire.water_supply_low", site, null, yellow, at + 2 * MINUTE);
    }

    private static void stuckSensor(SimSite site, long at, Script s, Scenario sc) {
        SimDevice heat = site.device(SensorType.TEMPERATURE, 1);
        double stuck = City.round(heat.base, 1);
        s.during(heat, at, at + 50 * MINUTE, (n, ts, quiet) -> stuck);
        sc.expect(s, "device.stuck", site, heat, blue, at + 40 * MINUTE);
    }

    private static void incidentUnacknowledged(SimSite site, long at, Script s, Scenario sc) {
        s.incident(
                at,
                incidentId(site, at),
                "hotline_12345",
                "structural",
                "reported",
                site,
                null,
                null);
        sc.expect(s, "incident.unacknowledged", site, null, orange, at + 10 * MINUTE);
    }

    private static void slopeAcceleration(SimSite site, long at, Script s, Scenario sc) {
        SimDevice gnss = site.device(SensorType.DISPLACEMENT, 0);
        double[] mmPerHour = {0.4, 0.6, 0.9, 1.5, 2.5, 4, 6, 8};
        double hours = gnss.periodMs() / 3_600_000.0;
        s.fromThenOn(
                gnss,
                at,
                (n, ts, quiet) -> {
                    double moved = 0;
                    for (int i = 0; i < n; i++) {
                        moved += mmPerHour[Math.min(i, mmPerHour.length - 1)] * hours;
                    }
                    return quiet + moved;
                });
        sc.expect(s, "geo.displacement", site, gnss, red, at);
    }

    private static void rainThenMovement(SimSite site, long at, Script s, Scenario sc) {
        SimDevice rain = site.device(SensorType.RAINFALL, 0);
        SimDevice gnss = site.device(SensorType.DISPLACEMENT, 0);
        s.sequence(rain, at, 10, 10, 10, 10, 10, 10);
        double perReading = 0.3 * gnss.periodMs() / 3_600_000.0;
        long moveAt = at + 40 * MINUTE;
        s.fromThenOn(gnss, moveAt, (n, ts, quiet) -> quiet + n * perReading);
        sc.expect(s, "geo.rainfall", site, rain, orange, at);
        sc.expect(s, "geo.displacement", site, gnss, yellow, moveAt);
        sc.expect(s, "geo.rain_then_movement", site, null, orange, moveAt);
    }

    private static void crackJump(SimSite site, long at, Script s, Scenario sc) {
        s.fromThenOn(
                site.device(SensorType.CRACK_WIDTH, 0),
                at,
                (n, ts, quiet) -> quiet + (n == 0 ? 1.3 : 2.6));
        sc.expect(s, "geo.crack_jump", site, null, orange, at);
    }

    private static void riverFlood(SimSite site, long at, Script s, Scenario sc) {
        SimDevice level = site.device(SensorType.WATER_LEVEL, 0);
        s.fromThenOn(
                level, at, (n, ts, quiet) -> quiet + Math.min(2.3, 1.5 * (ts - at) / 3_600_000.0));
        sc.expect(s, "flood.water_level", site, level, red, at);
        sc.expect(s, "flood.rapid_rise", site, null, orange, at + 40 * MINUTE);
    }

    private static void underpassFlooding(SimSite site, long at, Script s, Scenario sc) {
        SimDevice rain = site.device(SensorType.RAINFALL, 0);
        s.during(rain, at, at + 25 * MINUTE, (n, ts, quiet) -> 2.5);
        long floodAt = at + 10 * MINUTE;
        for (int i = 0; i < 2; i++) {
            s.during(
                    site.device(SensorType.WATER_DEPTH, i),
                    floodAt,
                    floodAt + 42 * MINUTE,
                    (n, ts, quiet) -> {
                        double minutes = (ts - floodAt) / 60_000.0;
                        double depth =
                                minutes < 15
                                        ? 2.4 * minutes
                                        : minutes < 30 ? 36 : Math.max(0, 36 - 3 * (minutes - 30));
                        return quiet + depth;
                    });
        }
        sc.expect(s, "flood.rainstorm", site, rain, orange, at);
        sc.expect(s, "flood.underpass", site, null, red, floodAt);
    }

    private static void incidentCluster(SimSite site, long at, Script s, Scenario sc) {
        String[] sources = {"citizen_app", "hotline_12345", "video_ai"};
        double[][] offsets = {{0.0004, 0.0003}, {-0.0003, 0.0005}, {0.0002, -0.0006}};
        for (int i = 0; i < 3; i++) {
            long ts = at + i * 3 * MINUTE + (i == 2 ? MINUTE : 0);
            String id = incidentId(site, ts);
            double lat = City.round(site.lat + offsets[i][0], 6);
            double lon = City.round(site.lon + offsets[i][1], 6);
            s.incident(ts, id, sources[i], "waterlogging", "reported", null, lat, lon);
            s.incident(
                    ts + 4 * MINUTE,
                    id,
                    sources[i],
                    "waterlogging",
                    "acknowledged",
                    null,
                    lat,
                    lon);
        }
        sc.expect(s, "incident.cluster", site, null, orange, at + 7 * MINUTE);
    }

    private static void sensorFault(SimSite site, long at, Script s, Scenario sc) {
        SimDevice depth = site.device(SensorType.WATER_DEPTH, 0);
        s.sequence(depth, at, 1500, 1500, 1500);
        sc.expect(s, "device.sensor_fault", site, depth, blue, at);
    }

    private static void gasLeak(SimSite site, long at, Script s, Scenario sc) {
        s.sequence(site.device(SensorType.METHANE, 0), at, 8, 15, 24, 27, 22, 12, 4);
        sc.expect(s, "gas.concentration", site, null, orange, at);
    }

    private static void gasSpread(SimSite site, long at, Script s, Scenario sc) {
        s.sequence(site.device(SensorType.METHANE, 0), at, 12, 22, 30, 41, 56, 48, 35, 20, 10, 4);
        s.sequence(site.device(SensorType.METHANE, 1), at + 3 * MINUTE, 14, 23, 29, 25, 15, 6);
        sc.expect(s, "gas.concentration", site, null, red, at);
        sc.expect(s, "gas.spread", site, null, red, at + 3 * MINUTE);
    }

    private static void coverageGap(SimSite site, long at, Script s, Scenario sc) {
        for (SimDevice device : site.devices) {
            s.silent(device, at);
            sc.expect(s, "device.offline", site, device, blue, at);
        }
        sc.expect(s, "coverage.gap", site, null, yellow, at);
    }

    private static void bridgeExceedance(SimSite site, long at, Script s, Scenario sc) {
        SimDevice strain = site.device(SensorType.STRAIN, 0);
        s.sequence(strain, at, 560, 610, 640, 720, 760, 740, 610, 300);
        sc.expect(s, "bridge.structure", site, strain, orange, at);
    }

    private static void deviceOffline(SimSite site, long at, Script s, Scenario sc) {
        SimDevice deflection = site.device(SensorType.DEFLECTION, 0);
        s.silent(deflection, at);
        sc.expect(s, "device.offline", site, deflection, blue, at);
    }

    private static String incidentId(SimSite site, long ts) {
        return String.format(
                Locale.ROOT, "inc-%s-%d", site.riskPointId.substring(3), ts / 1000 % 10_000_000);
    }
}
