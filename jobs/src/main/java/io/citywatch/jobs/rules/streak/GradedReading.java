package io.citywatch.jobs.rules.streak;

import java.util.Map;

/**
 * A reading that reached a level as it arrived, waiting for the watermark: its level and the rule's
 * thresholds its risk point set then (the host keeps a risk point without them).
 */
public class GradedReading {
    public long ts;
    public double value;

    /** Level ordinal + 1. */
    public int grade;

    /** The rule's parameters the risk point sets; null when it sets none (all defaults). */
    public Map<String, Double> thresholds;

    public GradedReading() {}

    GradedReading(long ts, double value, int grade, Map<String, Double> thresholds) {
        this.ts = ts;
        this.value = value;
        this.grade = grade;
        this.thresholds = thresholds;
    }
}
