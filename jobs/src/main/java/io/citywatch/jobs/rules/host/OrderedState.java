package io.citywatch.jobs.rules.host;

/** The part of an event-time device rule's state that says when the device goes quiet. */
public class OrderedState {
    /** When the device has gone quiet ({@link OrderedReadingsUnit#quietMillis}); null: no need. */
    public Long quietDue;

    public OrderedState() {}
}
