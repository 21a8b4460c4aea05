package io.citywatch.jobs.config;

import io.citywatch.jobs.cap.CapSettings;
import io.citywatch.jobs.rules.RuleSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one run of the job, immutable. {@link Settings#jobSettings()} builds them from the
 * options, validated, with the options' defaults; a replay's clock comes in through {@link
 * #forReplay}, a bounded run's through {@link #withClockStop}.
 */
public final class JobSettings implements Serializable {
    private static final long serialVersionUID = 3L;

    public final Duration maxOutOfOrderness;
    public final Duration idleness;

    /** How far a partition or input may read ahead of the slowest in event time; 0: no limit. */
    public final Duration maxWatermarkDrift;

    /** How long a record naming an unknown device or risk point waits for its registry record. */
    public final Duration unknownHold;

    public final double incidentMatchRadiusMeters;
    public final Duration clearAfter;
    public final Locale locale;

    /** Lateness window aggregates accept; a late reading re-emits its row (same point). */
    public final Duration allowedLateness;

    /** device_1m: one InfluxDB series per device, opt-in. */
    public final boolean deviceAggregates;

    /** The CAP feed: which alerts, and how their messages are written. */
    public final CapSettings cap;

    /** A replay's first event time: the time of records that carry none (InfluxDB counts). */
    public final long firstEventTs;

    /** A replay: watermark after every record, and a clock that stops at the newest input. */
    public final boolean replay;

    public final long clockStopTs;

    JobSettings(
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration maxWatermarkDrift,
            Duration unknownHold,
            double incidentMatchRadiusMeters,
            Duration clearAfter,
            Locale locale,
            Duration allowedLateness,
            boolean deviceAggregates,
            CapSettings cap) {
        this(
                maxOutOfOrderness,
                idleness,
                maxWatermarkDrift,
                unknownHold,
                incidentMatchRadiusMeters,
                clearAfter,
                locale,
                allowedLateness,
                deviceAggregates,
                cap,
                Long.MIN_VALUE,
                false,
                Long.MAX_VALUE);
    }

    private JobSettings(
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration maxWatermarkDrift,
            Duration unknownHold,
            double incidentMatchRadiusMeters,
            Duration clearAfter,
            Locale locale,
            Duration allowedLateness,
            boolean deviceAggregates,
            CapSettings cap,
            long firstEventTs,
            boolean replay,
            long clockStopTs) {
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.idleness = idleness;
        this.maxWatermarkDrift = maxWatermarkDrift;
        this.unknownHold = unknownHold;
        this.incidentMatchRadiusMeters = incidentMatchRadiusMeters;
        this.clearAfter = clearAfter;
        this.locale = locale;
        this.allowedLateness = allowedLateness;
        this.deviceAggregates = deviceAggregates;
        this.cap = cap;
        this.firstEventTs = firstEventTs;
        this.replay = replay;
        this.clockStopTs = clockStopTs;
    }

    /** The defaults of every option. */
    public static JobSettings defaults() {
        return Settings.of(Map.of()).jobSettings();
    }

    /**
     * These settings for a replay over input from {@code firstEventTs} to {@code clockStopTs}: a
     * watermark after every record, and event-time timers held at the clock stop.
     */
    public JobSettings forReplay(long firstEventTs, long clockStopTs) {
        return forRun(firstEventTs, true, clockStopTs);
    }

    private JobSettings forRun(long firstEventTs, boolean replay, long clockStopTs) {
        return new JobSettings(
                maxOutOfOrderness,
                idleness,
                maxWatermarkDrift,
                unknownHold,
                incidentMatchRadiusMeters,
                clearAfter,
                locale,
                allowedLateness,
                deviceAggregates,
                cap,
                firstEventTs,
                replay,
                clockStopTs);
    }

    /**
     * These settings with event-time timers held at {@code clockStopTs}, as a replay holds them.
     */
    public JobSettings withClockStop(long clockStopTs) {
        return forRun(firstEventTs, replay, clockStopTs);
    }

    public RuleSettings ruleSettings() {
        return new RuleSettings(clockStopTs, locale, clearAfter);
    }
}
