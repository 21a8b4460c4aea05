package io.citywatch.jobs.rules.device;

/** What device.offline keeps per device (its risk point is the host's). */
public class OfflineState {
    /** The latest event time the device reported; null until its first reading. */
    public Long lastSeen;

    /** When the silence becomes too long, or when the next check is. */
    public Long deadline;

    /** Whether the host is to wake the unit at {@link #deadline}: false once it has. */
    public boolean waiting;

    public boolean offline;

    public OfflineState() {}
}
