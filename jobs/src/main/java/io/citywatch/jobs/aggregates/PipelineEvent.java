package io.citywatch.jobs.aggregates;

/** One record of an input stream as the pipeline counts it: accepted, rejected or late. */
public class PipelineEvent {
    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;
    public static final int LATE = 2;

    public String stream;
    public int outcome;

    /** Event time, else ingest time; null when the record has neither. */
    public Long ts;

    public PipelineEvent() {}

    public static PipelineEvent of(String stream, int outcome, Long ts) {
        PipelineEvent event = new PipelineEvent();
        event.stream = stream;
        event.outcome = outcome;
        event.ts = ts;
        return event;
    }
}
