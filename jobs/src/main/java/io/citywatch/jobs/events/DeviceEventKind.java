package io.citywatch.jobs.events;

/** What a {@link DeviceEvent} tells about its device. */
public enum DeviceEventKind {
    READING,
    /** The registry lists the device (again); no event time of its own. */
    REGISTERED,
    /** The registry no longer lists the device. */
    UNREGISTERED
}
