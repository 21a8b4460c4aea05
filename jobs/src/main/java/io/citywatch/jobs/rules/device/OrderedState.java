package io.citywatch.jobs.rules.device;

/** The part of an event-time device rule's state that says when the device goes quiet. */
public class OrderedState {
    /**
     * When the device has been quiet for {@link
     * io.citywatch.jobs.rules.host.OrderedReadingsUnit#QUIET_MILLIS}; null: no need.
     */
    public Long quietDue;

    public OrderedState() {}
}
