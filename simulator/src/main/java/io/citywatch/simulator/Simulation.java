package io.citywatch.simulator;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated city's records in the order they are sent: the registry first, then readings and
 * incidents in event time, with the imperfections of real input (duplicates, out-of-order and late
 * records, malformed records). The same settings always give the same records.
 */
public final class Simulation implements Iterator<SimRecord> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How far a late record is held back: well past the 30 s out-of-orderness bound. */
    static final long LATE_BY_MS = 7 * 60_000L;

    private final SimulatorSettings settings;
    private final City city;
    private final Script script;
    private final Map<String, List<Segment>> segmentsByDevice = new HashMap<>();
    private final PriorityQueue<Next> devices =
            new PriorityQueue<>(
                    Comparator.comparingLong((Next n) -> n.ts)
                            .thenComparing(n -> n.device.deviceId));
    private final PriorityQueue<Queued> outbox =
            new PriorityQueue<>(
                    Comparator.comparingLong((Queued q) -> q.record.emitTs())
                            .thenComparingLong(q -> q.order));
    private final List<SimRecord> registry = new ArrayList<>();
    private final List<Script.IncidentRecord> incidents;
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Map<SimRecord.Stream, Long> sent = new TreeMap<>();
    private int registryIndex;
    private int incidentIndex;
    private long outboxOrder;

    /** A record waiting to be sent; {@code order} keeps equal send times in generation order. */
    private record Queued(SimRecord record, long order) {}

    /** A device's next reading. */
    private static final class Next {
        final SimDevice device;
        final long ts;
        final long k;

        Next(SimDevice device, long ts, long k) {
            this.device = device;
            this.ts = ts;
            this.k = k;
        }
    }

    public Simulation(SimulatorSettings settings) {
        String problem = settings.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        this.settings = settings;
        this.city = City.generate(settings.seed, settings.riskPoints);
        this.script = new Script(settings.endMs());
        Map<RiskPointKind, Integer> used = new HashMap<>();
        for (SimulatorSettings.Planned planned : settings.scenarios) {
            Scenarios.Scenario scenario = planned.scenario();
            int index = used.merge(scenario.kind(), 1, Integer::sum) - 1;
            SimSite site = city.sitesOf(scenario.kind()).get(index);
            long at = settings.startMs() + planned.minute() * 60_000L;
            scenario.injector().inject(site, at, script, scenario);
        }
        if (settings.routineIncidents) {
            routineIncidents(settings, city, script);
        }
        for (Segment segment : script.segments) {
            segmentsByDevice
                    .computeIfAbsent(segment.device.deviceId, id -> new ArrayList<>())
                    .add(segment);
        }
        incidents = new ArrayList<>(script.incidents);
        incidents.sort(Comparator.comparingLong(Script.IncidentRecord::ts));
        for (SimSite site : city.sites()) {
            registry.add(
                    new SimRecord(
                            SimRecord.Stream.REGISTRY,
                            site.riskPointId,
                            registryJson(site),
                            settings.startMs(),
                            settings.startMs() - 1));
            for (SimDevice device : site.devices) {
                devices.add(new Next(device, settings.startMs() + device.phaseMs, 0));
            }
        }
    }

    /**
     * The everyday reports of a city, acknowledged within minutes: one every 8 minutes somewhere.
     */
    private static void routineIncidents(SimulatorSettings settings, City city, Script script) {
        String[] sources = {"patrol", "citizen_app", "hotline_12345"};
        String[] categories = {"other", "structural"};
        SplittableRandom random = new SplittableRandom(settings.seed * 104_729);
        for (long ts = settings.startMs() + 4 * 60_000L;
                ts + 90_000 < settings.endMs();
                ts += 8 * 60_000L) {
            SimSite site = city.sites().get(random.nextInt(city.sites().size()));
            String id = "inc-" + site.riskPointId.substring(3) + "-r" + (ts / 1000 % 10_000_000);
            String source = sources[random.nextInt(sources.length)];
            String category = categories[random.nextInt(categories.length)];
            script.incident(ts, id, source, category, "reported", site, null, null);
            script.incident(ts + 90_000, id, source, category, "acknowledged", site, null, null);
            if (ts + 20 * 60_000L < settings.endMs()) {
                script.incident(
                        ts + 20 * 60_000L, id, source, category, "resolved", site, null, null);
            }
        }
    }

    public City city() {
        return city;
    }

    /** The registry records (JSON Lines), as a job's initial registry file. */
    public List<String> registryLines() {
        return registry.stream().map(SimRecord::value).toList();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** The alerts the injected scenarios must raise, in scenario order. */
    public List<ExpectedAlert> expectedAlerts() {
        return List.copyOf(script.expected);
    }

    /** Dead letters by reason that the records sent so far must produce. */
    public Map<String, Long> expectedDeadLetters() {
        return new TreeMap<>(deadLetters);
    }

    /** Records sent so far per input. */
    public Map<SimRecord.Stream, Long> sent() {
        return new TreeMap<>(sent);
    }

    @Override
    public boolean hasNext() {
        fill();
        return registryIndex < registry.size() || !outbox.isEmpty();
    }

    @Override
    public SimRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SimRecord record =
                registryIndex < registry.size()
                        ? registry.get(registryIndex++)
                        : outbox.poll().record;
        sent.merge(record.stream(), 1L, Long::sum);
        return record;
    }

    /** Generates until the outbox's head cannot be overtaken by anything not generated yet. */
    private void fill() {
        while (true) {
            long nextGenerated = nextGeneratedTs();
            if (nextGenerated == Long.MAX_VALUE) {
                return;
            }
            if (!outbox.isEmpty() && outbox.peek().record.emitTs() <= nextGenerated) {
                return;
            }
            generateOne();
        }
    }

    private long nextGeneratedTs() {
        long next = Long.MAX_VALUE;
        if (!devices.isEmpty() && devices.peek().ts < settings.endMs()) {
            next = devices.peek().ts;
        }
        if (incidentIndex < incidents.size()) {
            next = Math.min(next, incidents.get(incidentIndex).ts());
        }
        return next;
    }

    private void generateOne() {
        boolean incidentFirst =
                incidentIndex < incidents.size()
                        && (devices.isEmpty()
                                || devices.peek().ts >= settings.endMs()
                                || incidents.get(incidentIndex).ts() <= devices.peek().ts);
        if (incidentFirst) {
            Script.IncidentRecord incident = incidents.get(incidentIndex++);
            queue(
                    new SimRecord(
                            SimRecord.Stream.INCIDENTS,
                            incident.incidentId(),
                            incident.json(),
                            incident.ts(),
                            incident.ts()));
            return;
        }
        Next next = devices.poll();
        long period = next.device.periodMs();
        devices.add(new Next(next.device, next.ts + period, next.k + 1));
        Segment segment = segmentAt(next.device, next.ts);
        double quiet = Baseline.value(next.device, next.k, next.ts);
        Double value =
                segment == null
                        ? Double.valueOf(quiet)
                        : segment.value.at(
                                (int) ((next.ts - segment.fromTs) / period), next.ts, quiet);
        if (value == null) {
            return; // silent
        }
        reading(next, value, segment == null);
    }

    private Segment segmentAt(SimDevice device, long ts) {
        List<Segment> segments = segmentsByDevice.get(device.deviceId);
        if (segments == null) {
            return null;
        }
        for (Segment segment : segments) {
            if (segment.covers(ts)) {
                return segment;
            }
        }
        return null;
    }

    private void reading(Next next, double value, boolean quiet) {
        SimDevice device = next.device;
        SplittableRandom random =
                new SplittableRandom(device.seed * 7919 + next.k * 0x632BE59BD9B4E019L);
        String text = readingJson(device, value, next.ts, next.k);
        long emitTs = next.ts;
        boolean disturbable = quiet && !trendSensitive(device.type);
        if (disturbable && random.nextDouble() < settings.lateRate) {
            emitTs = next.ts + LATE_BY_MS;
            if (emitTs < settings.endMs()) {
                deadLetters.merge("late", 1L, Long::sum);
            } else {
                emitTs = next.ts; // the simulation ends first: send it on time instead
            }
        } else if (random.nextDouble() < settings.outOfOrderRate) {
            emitTs = next.ts + 2_000 + random.nextInt(18_000);
        }
        queue(new SimRecord(SimRecord.Stream.READINGS, device.deviceId, text, next.ts, emitTs));
        if (disturbable && emitTs == next.ts && random.nextDouble() < settings.duplicateRate) {
            queue(new SimRecord(SimRecord.Stream.READINGS, device.deviceId, text, next.ts, emitTs));
        }
        if (random.nextDouble() < settings.malformedRate) {
            malformed(device, value, next.ts, random);
        }
    }

    /**
     * Types whose rules look at trends or sums over consecutive readings: a duplicate or a lost
     * reading there would change a result, so only their on-time order is disturbed.
     */
    private static boolean trendSensitive(SensorType type) {
        return switch (type) {
            case DISPLACEMENT, CRACK_WIDTH, TILT, RAINFALL, WATER_LEVEL -> true;
            default -> false;
        };
    }

    private void malformed(SimDevice device, double value, long ts, SplittableRandom random) {
        String iso = EventTimes.format(ts);
        String id = device.deviceId;
        String type = device.type.wireName();
        String reason;
        String text;
        switch (random.nextInt(6)) {
            case 0 -> {
                reason = "invalid_json";
                text = "{\"deviceId\":\"" + id + "\",\"type\":\"" + type + "\",\"value\":" + value;
            }
            case 1 -> {
                reason = "missing_field";
                text =
                        "{\"deviceId\":\""
                                + id
                                + "\",\"type\":\""
                                + type
                                + "\",\"value\":"
                                + value
                                + "}";
            }
            case 2 -> {
                reason = "unknown_type";
                text =
                        "{\"deviceId\":\""
                                + id
                                + "\",\"type\":\"humidity\",\"value\":61.5,\"ts\":\""
                                + iso
                                + "\"}";
            }
            case 3 -> {
                reason = "unit_mismatch";
                text =
                        "{\"deviceId\":\""
                                + id
                                + "\",\"type\":\""
                                + type
                                + "\",\"value\":"
                                + value
                                + ",\"unit\":\"ft\",\"ts\":\""
                                + iso
                                + "\"}";
            }
            case 4 -> {
                reason = "bad_value";
                text =
                        "{\"deviceId\":\""
                                + id
                                + "\",\"type\":\""
                                + type
                                + "\",\"value\":\"n/a\",\"ts\":\""
                                + iso
                                + "\"}";
            }
            default -> {
                reason = "unknown_device";
                text =
                        "{\"deviceId\":\"cq-unregistered-"
                                + (ts / 1000 % 100_000)
                                + "\",\"type\":\"smoke\",\"value\":0.1,\"ts\":\""
                                + iso
                                + "\"}";
            }
        }
        if (!reasonFor(text).equals(reason)) {
            throw new IllegalStateException("simulator bug: " + text + " is not " + reason);
        }
        deadLetters.merge(reason, 1L, Long::sum);
        queue(new SimRecord(SimRecord.Stream.READINGS, id, text, ts, ts));
    }

    /** What the job's validation says about a malformed record (a self-check of the simulator). */
    private static String reasonFor(String text) {
        var parsed = io.citywatch.common.codec.ReadingCodec.decode(text);
        if (parsed.isOk()) {
            return text.contains("cq-unregistered-") ? "unknown_device" : "ok";
        }
        return parsed.reason().name();
    }

    private void queue(SimRecord record) {
        outbox.add(new Queued(record, outboxOrder++));
    }

    private static String readingJson(SimDevice device, double value, long ts, long k) {
        ObjectNode json = JSON.createObjectNode();
        json.put("deviceId", device.deviceId);
        json.put("type", device.type.wireName());
        json.put("value", City.round(value, 4));
        // both timestamp forms of docs/contract.md §1: river and slope stations send epoch
        // milliseconds
        if (device.site.kind == RiskPointKind.river_station
                || device.site.kind == RiskPointKind.slope) {
            json.put("ts", ts);
            json.put("seq", k);
        } else {
            json.put("ts", EventTimes.format(ts));
        }
        if (device.site.kind == RiskPointKind.bridge) {
            json.put("unit", device.type.unit());
        }
        return json.toString();
    }

    static String registryJson(SimSite site) {
        ObjectNode json = JSON.createObjectNode();
        json.put("riskPointId", site.riskPointId);
        json.put("kind", site.kind.name());
        json.put("name", site.name);
        json.put("district", site.district);
        json.put("grid", site.grid);
        json.put("lat", site.lat);
        json.put("lon", site.lon);
        json.put("reportingPeriodSec", site.reportingPeriodSec);
        ArrayNode devices = json.putArray("devices");
        for (SimDevice device : site.devices) {
            ObjectNode d = devices.addObject();
            d.put("deviceId", device.deviceId);
            d.put("type", device.type.wireName());
            if (device.zone != null) {
                d.put("zone", device.zone);
            }
        }
        if (!site.thresholds.isEmpty()) {
            ObjectNode thresholds = json.putObject("thresholds");
            site.thresholds.forEach(thresholds::put);
        }
        return json.toString();
    }
}
