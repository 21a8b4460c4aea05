package io.citywatch.jobs;

import io.citywatch.jobs.rules.RuleSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/** Settings of one run of the job, read from the command line or a config file. */
public class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public Duration maxOutOfOrderness = Duration.ofSeconds(30);
    public Duration idleness = Duration.ofSeconds(60);

    /** How far a partition or input may read ahead of the slowest in event time; 0: no limit. */
    public Duration maxWatermarkDrift = Duration.ofSeconds(60);

    /** How long a record naming an unknown device or risk point waits for its registry record. */
    public Duration unknownHold = Duration.ofSeconds(30);

    public double incidentMatchRadiusMeters = 300;
    public Duration clearAfter = Duration.ofMinutes(10);
    public Locale locale = Locale.ENGLISH;

    /** Lateness window aggregates accept; a late reading re-emits its row (same point). */
    public Duration allowedLateness = Duration.ZERO;

    /** device_1m: one InfluxDB series per device, opt-in. */
    public boolean deviceAggregates;

    /** A replay's first event time: the time of records that carry none (InfluxDB counts). */
    public long firstEventTs = Long.MIN_VALUE;

    /** A replay: watermark after every record, and a clock that stops at the newest input. */
    public boolean replay;

    public long clockStopTs = Long.MAX_VALUE;

    public RuleSettings ruleSettings() {
        return new RuleSettings(clockStopTs, locale, clearAfter);
    }
}
