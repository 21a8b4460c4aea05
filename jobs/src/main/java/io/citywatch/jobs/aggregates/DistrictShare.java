package io.citywatch.jobs.aggregates;

/**
 * What one risk point's minute adds to its district's minute: readings, sensor faults and devices
 * reporting. A device reports to one risk point, so the district's devices reporting is the sum of
 * these; the district window then keeps three counters instead of the id of every device, and the
 * readings cross the network once, to their risk point, not a second time to their district.
 */
public class DistrictShare {
    public String district;
    public long readings;
    public long faults;
    public long devices;

    public DistrictShare() {}

    DistrictShare(String district, long readings, long faults, long devices) {
        this.district = district;
        this.readings = readings;
        this.faults = faults;
        this.devices = devices;
    }

    /** This share less what an earlier firing of the same window already sent. */
    DistrictShare minus(DistrictShare sent) {
        if (sent == null) {
            return this;
        }
        return new DistrictShare(
                district, readings - sent.readings, faults - sent.faults, devices - sent.devices);
    }

    boolean isEmpty() {
        return readings == 0 && faults == 0 && devices == 0;
    }
}
