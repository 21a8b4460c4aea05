package io.citywatch.jobs.rules;

/** A timer that would fire after a replay's clock stopped: reported, never fired. */
public class PendingTimeout {
    public String ruleId;
    public String key;
    public long dueTs;

    public PendingTimeout() {}

    public PendingTimeout(String ruleId, String key, long dueTs) {
        this.ruleId = ruleId;
        this.key = key;
        this.dueTs = dueTs;
    }
}
