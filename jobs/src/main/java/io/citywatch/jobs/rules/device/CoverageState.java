package io.citywatch.jobs.rules.device;

import java.util.HashMap;
import java.util.Map;

/** coverage.gap's state of one risk point: its offline devices, and whether its gap is open. */
public class CoverageState {
    /** Offline device id → when it went offline. */
    public Map<String, Long> offlineSince = new HashMap<>();

    public boolean gapOpen;

    public CoverageState() {}
}
