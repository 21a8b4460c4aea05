package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.Evidence;

import java.util.HashMap;
import java.util.Map;

/** flood.underpass's state of one underpass. */
public class UnderpassState {
    /** Per gauge: its latest reading, until the underpass goes quiet. */
    public Map<String, Evidence> previous = new HashMap<>();

    /** Per gauge: the {@link io.citywatch.common.model.AlertLevel#rank()} it holds, if any. */
    public Map<String, Integer> gaugeLevels = new HashMap<>();

    /** The rank of the underpass's level as last reported; 0 for none. */
    public int level;

    /** When the underpass goes quiet, given its latest reading; null once it has. */
    public Long quietDue;

    public UnderpassState() {}
}
