package io.citywatch.jobs.aggregates;

import java.io.Serializable;
import java.time.Duration;

/** What the InfluxDB aggregates need to know about the run: set from the job's settings. */
public class AggregateSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * How long pipeline_1m keeps its windows for records that arrive behind its watermark (late or
     * undated records, sparse streams): such a record re-emits its minute's row, which overwrites
     * the point. Counts of records later than this are dropped (and logged as a metric).
     */
    public static final Duration PIPELINE_LATENESS = Duration.ofDays(1);

    public long allowedLatenessMillis;
    public boolean deviceAggregates;
    public boolean replay;
    public long maxOutOfOrdernessMillis;
    public Duration idleness;

    /**
     * Event time of records that have none (registry records; undated rejects of a replay, whose
     * files carry no ingest time): the replay's first event time. Production uses processing time.
     */
    public long replayStartTs;

    public AggregateSettings() {}
}
