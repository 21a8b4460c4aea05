package io.citywatch.jobs.rules;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output on which rule and episode functions report timers beyond a replay's end. */
public final class Pending {
    public static final OutputTag<PendingTimeout> TAG =
            new OutputTag<>("pending-timeouts", TypeInformation.of(PendingTimeout.class));

    private Pending() {}
}
