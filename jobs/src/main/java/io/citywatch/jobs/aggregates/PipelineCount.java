package io.citywatch.jobs.aggregates;

/**
 * Records of one input stream in one minute that one {@link PipelineClock} subtask counted:
 * pipeline_1m's window adds these up instead of taking every record through its shuffle.
 */
public class PipelineCount {
    public String stream;

    /** Start of the minute (epoch ms). */
    public long minute;

    public long accepted;
    public long rejected;
    public long late;

    public PipelineCount() {}

    static PipelineCount of(String stream, long minute) {
        PipelineCount count = new PipelineCount();
        count.stream = stream;
        count.minute = minute;
        return count;
    }

    void add(int outcome) {
        switch (outcome) {
            case PipelineEvent.ACCEPTED -> accepted++;
            case PipelineEvent.LATE -> late++;
            default -> rejected++;
        }
    }
}
