package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.events.Site;

/** device.stuck's flat run of one device. */
public class StuckState extends OrderedState {
    public FlatRun run;

    /** The risk point of the open alert; null while none is open. */
    public Site alertSite;

    public StuckState() {}
}
