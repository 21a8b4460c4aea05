package io.citywatch.jobs.aggregates;

/** One input of the risk point and district windows: a reading or an alert change. */
public class SiteInput {
    public ReadingSample reading;
    public AlertChange alert;

    public SiteInput() {}

    public static SiteInput of(ReadingSample reading) {
        SiteInput input = new SiteInput();
        input.reading = reading;
        return input;
    }

    public static SiteInput of(AlertChange alert) {
        SiteInput input = new SiteInput();
        input.alert = alert;
        return input;
    }

    public String riskPointId() {
        return reading != null ? reading.riskPointId : alert.riskPointId;
    }

    public String district() {
        String district = reading != null ? reading.district : alert.district;
        return district == null ? Measurements.UNKNOWN_DISTRICT : district;
    }
}
