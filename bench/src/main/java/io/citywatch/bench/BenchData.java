package io.citywatch.bench;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.common.registry.Registry;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The one generated data set every figure reads: the simulated city's registry, its readings (quiet
 * devices, the injected scenarios and the simulator's imperfect input) and incidents.
 */
public final class BenchData {
    public final List<RiskPoint> registry;
    public final String[] readingKeys;
    public final String[] readingValues;
    public final long[] readingTs;
    public final List<SimRecord> incidents;
    public final long firstTs;
    public final long lastTs;

    private BenchData(
            List<RiskPoint> registry,
            String[] readingKeys,
            String[] readingValues,
            long[] readingTs,
            List<SimRecord> incidents) {
        this.registry = registry;
        this.readingKeys = readingKeys;
        this.readingValues = readingValues;
        this.readingTs = readingTs;
        this.incidents = incidents;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long ts : readingTs) {
            first = Math.min(first, ts);
            last = Math.max(last, ts);
        }
        this.firstTs = first;
        this.lastTs = last;
    }

    /** The first {@code readings} readings of a seeded city of {@code riskPoints} risk points. */
    public static BenchData generate(long seed, int riskPoints, int readings) {
        SimulatorSettings settings = new SimulatorSettings();
        settings.seed = seed;
        settings.riskPoints = riskPoints;
        // long enough for any record count: the simulation is generated lazily
        settings.duration = Duration.ofDays(30);
        Simulation simulation = new Simulation(settings);
        Registry registry = new Registry();
        String[] keys = new String[readings];
        String[] values = new String[readings];
        long[] ts = new long[readings];
        List<SimRecord> incidents = new ArrayList<>();
        int n = 0;
        while (n < readings && simulation.hasNext()) {
            SimRecord record = simulation.next();
            switch (record.stream()) {
                case REGISTRY -> {
                    Parsed<RegistryUpdate> update = RegistryCodec.decode(record.value());
                    registry.apply(update.value());
                }
                case READINGS -> {
                    keys[n] = record.key();
                    values[n] = record.value();
                    ts[n] = record.ts();
                    n++;
                }
                case INCIDENTS -> incidents.add(record);
            }
        }
        if (n < readings) {
            throw new IllegalStateException("the simulation ended after " + n + " readings");
        }
        return new BenchData(new ArrayList<>(registry.riskPoints()), keys, values, ts, incidents);
    }

    public int size() {
        return readingValues.length;
    }

    public int deviceCount() {
        return registry.stream().mapToInt(p -> p.devices.size()).sum();
    }

    /** One smoke detector per high-rise risk point: alarms there open one alert each. */
    public List<String> probeDetectors() {
        List<String> detectors = new ArrayList<>();
        for (RiskPoint point : registry) {
            if (point.kind != RiskPointKind.high_rise) {
                continue;
            }
            for (DeviceSpec device : point.devices) {
                if (device.type == SensorType.SMOKE) {
                    detectors.add(device.deviceId);
                    break;
                }
            }
        }
        return detectors;
    }
}
