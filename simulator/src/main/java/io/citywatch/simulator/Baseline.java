package io.citywatch.simulator;

import java.util.SplittableRandom;

/**
 * Quiet readings: a device's base value, a slow drift, and measurement noise that alternates around
 * the base. The alternation is the point: any two consecutive readings differ by at least 1.5 ×
 * amplitude, so a healthy sensor never looks stuck (max − min ≤ 0.01), while readings two apart
 * differ by at most amplitude / 2, so a least-squares trend through three readings stays flat and
 * never crosses a velocity or rise threshold by accident.
 */
final class Baseline {
    private static final long HOUR = 3_600_000L;

    private Baseline() {}

    /** The quiet reading number {@code k} of a device at event time {@code ts}. */
    static double value(SimDevice device, long k, long ts) {
        switch (device.type) {
            case PUMP_RUNNING:
            case MANUAL_CALL:
                return 0;
            case HEARTBEAT:
                return 1;
            case RAINFALL:
                return drizzle(device, ts);
            default:
                double alternation = (k % 2 == 0 ? 1 : -1) * device.amplitude;
                double jitter = device.amplitude / 4 * uniform(device.seed, k);
                return device.base + drift(device, ts) + alternation + jitter;
        }
    }

    /**
     * Light rain in some hours: at most 2 mm/h, far below every rainfall threshold (35 mm in an
     * hour, 50 mm in 12 hours).
     */
    private static double drizzle(SimDevice device, long ts) {
        long hour = Math.floorDiv(ts, HOUR);
        SplittableRandom random = new SplittableRandom(device.seed * 31 + hour);
        if (random.nextDouble() > 0.3) {
            return 0;
        }
        double mmPerHour = 0.5 + 1.5 * random.nextDouble();
        return mmPerHour * device.periodMs() / HOUR;
    }

    private static double drift(SimDevice device, long ts) {
        double day = 2 * Math.PI * (ts % (24 * HOUR)) / (24 * HOUR);
        return switch (device.type) {
            case TEMPERATURE -> 1.5 * Math.sin(day);
            case WATER_LEVEL -> 0.05 * Math.sin(4 * day);
            case BATTERY -> -0.5 * Math.sin(day);
            default -> 0;
        };
    }

    /** A reproducible number in [-1, 1] for reading {@code k} of a device. */
    static double uniform(long seed, long k) {
        return new SplittableRandom(seed ^ (k * 0x9E3779B97F4A7C15L)).nextDouble() * 2 - 1;
    }
}
