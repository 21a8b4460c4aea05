package io.citywatch.jobs.aggregates;

/** One record of an input stream as the pipeline counts it: accepted, rejected or late. */
public class PipelineEvent {
    public static final int ACCEPTED = 0;
    public static final int REJECTED = 1;
    public static final int LATE = 2;

    public String stream;
    public int outcome;

    /** Event time; null when the record has none (a registry record, a broken record). */
    public Long ts;

    /** Whether {@link #ts} is set: the record counts in its own minute (PipelineClock). */
    public boolean dated;

    public PipelineEvent() {}

    public static PipelineEvent of(String stream, int outcome, Long eventTs) {
        PipelineEvent event = new PipelineEvent();
        event.stream = stream;
        event.outcome = outcome;
        event.ts = eventTs;
        event.dated = eventTs != null;
        return event;
    }
}
