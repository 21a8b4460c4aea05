package io.citywatch.simulator;

import io.citywatch.common.geo.Distance;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded city of risk points around Chongqing: districts with their real centres, every kind of
 * risk point in turn, realistic devices per kind (docs/contract.md §2.1, §2.3) and reporting
 * periods.
 */
public final class City {
    /** A district of Chongqing's main city: its name, id prefix and centre. */
    record District(String name, String code, double lat, double lon) {}

    static final List<District> DISTRICTS =
            List.of(
                    new District("Yuzhong", "yz", 29.5570, 106.5770),
                    new District("Jiangbei", "jb", 29.6060, 106.5740),
                    new District("Nan'an", "na", 29.5230, 106.5900),
                    new District("Shapingba", "spb", 29.5410, 106.4560),
                    new District("Jiulongpo", "jlp", 29.5020, 106.5110),
                    new District("Dadukou", "ddk", 29.4840, 106.4820),
                    new District("Banan", "bn", 29.4020, 106.5400),
                    new District("Yubei", "yb", 29.7180, 106.6310),
                    new District("Beibei", "bb", 29.8250, 106.4370));

    private static final List<RiskPointKind> KINDS = List.of(RiskPointKind.values());

    /** Risk points closer than this would make incident placement (300 m) ambiguous. */
    private static final double MIN_SEPARATION_METRES = 700;

    private final List<SimSite> sites;

    private City(List<SimSite> sites) {
        this.sites = sites;
    }

    public List<SimSite> sites() {
        return sites;
    }

    public List<SimSite> sitesOf(RiskPointKind kind) {
        return sites.stream().filter(site -> site.kind == kind).toList();
    }

    public int deviceCount() {
        return sites.stream().mapToInt(site -> site.devices.size()).sum();
    }

    /** {@code riskPoints} risk points, the kinds in turn, all from {@code seed}. */
    public static City generate(long seed, int riskPoints) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SimSite> sites = new ArrayList<>();
        int[] perKind = new int[KINDS.size()];
        for (int i = 0; i < riskPoints; i++) {
            RiskPointKind kind = KINDS.get(i % KINDS.size());
            int number = ++perKind[kind.ordinal()];
            District district = DISTRICTS.get(random.nextInt(DISTRICTS.size()));
            double[] position = place(district, sites, random);
            SimSite site =
                    new SimSite(
                            String.format(
                                    Locale.ROOT, "rp-%s-%s%03d", district.code, code(kind), number),
                            kind,
                            name(kind, number, district),
                            district.name,
                            String.format(
                                    Locale.ROOT,
                                    "%s-g%02d",
                                    district.code,
                                    1 + (int) (Math.abs(position[0] - district.lat) * 400)),
                            position[0],
                            position[1],
                            period(kind));
            addDevices(site, random, seed);
            sites.add(site);
        }
        return new City(sites);
    }

    /**
     * A spot in the district at least {@link #MIN_SEPARATION_METRES} from every other risk point; a
     * dense city (thousands of points, for load tests) relaxes that for the later points, while the
     * first ones, where scenarios happen, keep it.
     */
    private static double[] place(District district, List<SimSite> existing, SplittableRandom r) {
        for (double separation : new double[] {MIN_SEPARATION_METRES, 150, 0}) {
            for (int attempt = 0; attempt < 100; attempt++) {
                double lat = round(district.lat + (r.nextDouble() * 2 - 1) * 0.03, 5);
                double lon = round(district.lon + (r.nextDouble() * 2 - 1) * 0.03, 5);
                boolean clear = true;
                for (SimSite site : existing) {
                    if (Distance.meters(lat, lon, site.lat, site.lon) < separation) {
                        clear = false;
                        break;
                    }
                }
                if (clear) {
                    return new double[] {lat, lon};
                }
            }
        }
        throw new IllegalStateException("unreachable: separation 0 always fits");
    }

    /** Reporting periods as monitoring systems in the field use them in the flood season. */
    static int period(RiskPointKind kind) {
        return switch (kind) {
            case high_rise, underpass, gas_network, bridge -> 60;
            case slope, river_station -> 300;
        };
    }

    private static void addDevices(SimSite site, SplittableRandom r, long seed) {
        String p = site.riskPointId.replaceFirst("^rp-", "cq-");
        switch (site.kind) {
            case high_rise -> {
                int floors = 2 + r.nextInt(3);
                int floor = 0;
                for (int i = 0; i < floors; i++) {
                    floor += 3 + r.nextInt(8);
                    String zone = "F" + floor;
                    add(site, p + "-smk-" + floor, SensorType.SMOKE, zone, r, seed);
                    add(site, p + "-tmp-" + floor, SensorType.TEMPERATURE, zone, r, seed);
                    if (i == 0) {
                        add(site, p + "-mcp-" + floor, SensorType.MANUAL_CALL, zone, r, seed);
                    }
                }
                add(site, p + "-prs-b1", SensorType.WATER_PRESSURE, "B1", r, seed);
                add(site, p + "-pmp-b1", SensorType.PUMP_RUNNING, "B1", r, seed);
                add(site, p + "-gw", SensorType.HEARTBEAT, null, r, seed);
            }
            case slope -> {
                add(site, p + "-gnss-1", SensorType.DISPLACEMENT, null, r, seed);
                add(site, p + "-gnss-2", SensorType.DISPLACEMENT, null, r, seed);
                add(site, p + "-crk-1", SensorType.CRACK_WIDTH, null, r, seed);
                add(site, p + "-tlt-1", SensorType.TILT, null, r, seed);
                add(site, p + "-rain-1", SensorType.RAINFALL, null, r, seed);
                add(site, p + "-bat-1", SensorType.BATTERY, null, r, seed);
            }
            case river_station -> {
                add(site, p + "-lvl-1", SensorType.WATER_LEVEL, null, r, seed);
                add(site, p + "-rain-1", SensorType.RAINFALL, null, r, seed);
                add(site, p + "-gw", SensorType.HEARTBEAT, null, r, seed);
                double base = site.device(SensorType.WATER_LEVEL, 0).base;
                site.thresholds.put("flood.warning", round(base + 0.8, 2));
                site.thresholds.put("flood.guarantee", round(base + 1.5, 2));
                site.thresholds.put("flood.record", round(base + 2.0, 2));
            }
            case underpass -> {
                add(site, p + "-dep-1", SensorType.WATER_DEPTH, null, r, seed);
                add(site, p + "-dep-2", SensorType.WATER_DEPTH, null, r, seed);
                add(site, p + "-rain-1", SensorType.RAINFALL, null, r, seed);
                add(site, p + "-gw", SensorType.HEARTBEAT, null, r, seed);
            }
            case gas_network -> {
                for (int i = 1; i <= 3; i++) {
                    add(site, p + "-ch4-" + i, SensorType.METHANE, null, r, seed);
                }
                add(site, p + "-gw", SensorType.HEARTBEAT, null, r, seed);
            }
            case bridge -> {
                add(site, p + "-str-1", SensorType.STRAIN, "span-1", r, seed);
                add(site, p + "-str-2", SensorType.STRAIN, "span-2", r, seed);
                add(site, p + "-dfl-1", SensorType.DEFLECTION, "span-1", r, seed);
                add(site, p + "-vib-1", SensorType.VIBRATION, "span-1", r, seed);
                add(site, p + "-gw", SensorType.HEARTBEAT, null, r, seed);
                site.thresholds.put("bridge.strain.yellow", 500.0);
                site.thresholds.put("bridge.strain.orange", 700.0);
                site.thresholds.put("bridge.strain.red", 900.0);
                site.thresholds.put("bridge.deflection.yellow", 50.0);
                site.thresholds.put("bridge.deflection.orange", 80.0);
                site.thresholds.put("bridge.deflection.red", 120.0);
                site.thresholds.put("bridge.vibration.yellow", 15.0);
                site.thresholds.put("bridge.vibration.orange", 25.0);
                site.thresholds.put("bridge.vibration.red", 40.0);
            }
        }
    }

    private static void add(
            SimSite site,
            String deviceId,
            SensorType type,
            String zone,
            SplittableRandom r,
            long seed) {
        double[] baseAndAmplitude = quiet(type, r);
        long phase = (long) (r.nextDouble() * site.periodMs()) / 1000 * 1000;
        site.devices.add(
                new SimDevice(
                        deviceId,
                        type,
                        zone,
                        site,
                        phase,
                        baseAndAmplitude[0],
                        baseAndAmplitude[1],
                        seed * 1_000_003L + deviceId.hashCode()));
    }

    /** Base value and noise amplitude of a quiet device, far from every threshold. */
    private static double[] quiet(SensorType type, SplittableRandom r) {
        return switch (type) {
            case SMOKE -> new double[] {round(0.08 + 0.2 * r.nextDouble(), 3), 0.02};
            case TEMPERATURE -> new double[] {round(22 + 5 * r.nextDouble(), 2), 0.1};
            case WATER_PRESSURE -> new double[] {round(0.3 + 0.2 * r.nextDouble(), 3), 0.01};
            case DISPLACEMENT -> new double[] {round(5 + 60 * r.nextDouble(), 2), 0.01};
            case CRACK_WIDTH -> new double[] {round(1 + 8 * r.nextDouble(), 2), 0.01};
            case TILT -> new double[] {round(0.2 + 2 * r.nextDouble(), 2), 0.01};
            case WATER_LEVEL -> new double[] {round(170 + 20 * r.nextDouble(), 2), 0.01};
            case WATER_DEPTH -> new double[] {round(0.5 + r.nextDouble(), 2), 0.2};
            case METHANE -> new double[] {round(0.6 + 1.5 * r.nextDouble(), 2), 0.2};
            case STRAIN -> new double[] {round(100 + 150 * r.nextDouble(), 1), 3};
            case DEFLECTION -> new double[] {round(2 + 6 * r.nextDouble(), 2), 0.2};
            case VIBRATION -> new double[] {round(0.2 + 0.6 * r.nextDouble(), 2), 0.05};
            case BATTERY -> new double[] {round(80 + 15 * r.nextDouble(), 1), 0.3};
            default -> new double[] {0, 0};
        };
    }

    private static String code(RiskPointKind kind) {
        return switch (kind) {
            case high_rise -> "b";
            case slope -> "s";
            case river_station -> "r";
            case underpass -> "u";
            case gas_network -> "g";
            case bridge -> "br";
        };
    }

    private static final List<String> TOWERS =
            List.of("Jiefangbei Tower", "Raffles City", "Guotai Plaza", "Times Square", "WFC");
    private static final List<String> SLOPES =
            List.of("Eling Slope", "Fotuguan Slope", "Huangjueya Slope", "Nanshan Cliff");
    private static final List<String> STATIONS =
            List.of("Cuntan Station", "Beibei Station", "Lijiatuo Station", "Tongguanyi Station");
    private static final List<String> UNDERPASSES =
            List.of("Lianglukou Underpass", "Niujiaotuo Underpass", "Guanyinqiao Underpass");
    private static final List<String> GAS =
            List.of("Daping Gas Network", "Shiqiaopu Gas Network", "Danzishi Gas Network");
    private static final List<String> BRIDGES =
            List.of(
                    "Chaotianmen Bridge",
                    "Qiansimen Bridge",
                    "Dongshuimen Bridge",
                    "Caiyuanba Bridge",
                    "Egongyan Bridge");

    private static String name(RiskPointKind kind, int number, District district) {
        List<String> names =
                switch (kind) {
                    case high_rise -> TOWERS;
                    case slope -> SLOPES;
                    case river_station -> STATIONS;
                    case underpass -> UNDERPASSES;
                    case gas_network -> GAS;
                    case bridge -> BRIDGES;
                };
        String name = names.get((number - 1) % names.size());
        int round = (number - 1) / names.size();
        return round == 0 ? name : name + " " + (round + 1);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
