package io.citywatch.jobs.aggregates;

/**
 * One input of the risk point and district windows: a subtask's readings of a risk point's minute
 * ({@link RiskPointMinute}), a single reading, or an alert change; the district windows take a risk
 * point's minute ({@link DistrictShare}) instead of its readings.
 */
public class SiteInput {
    public ReadingSample reading;
    public RiskPointMinute minute;
    public AlertChange alert;
    public DistrictShare share;

    public SiteInput() {}

    public static SiteInput of(ReadingSample reading) {
        SiteInput input = new SiteInput();
        input.reading = reading;
        return input;
    }

    public static SiteInput of(RiskPointMinute minute) {
        SiteInput input = new SiteInput();
        input.minute = minute;
        return input;
    }

    public static SiteInput of(AlertChange alert) {
        SiteInput input = new SiteInput();
        input.alert = alert;
        return input;
    }

    public static SiteInput of(DistrictShare share) {
        SiteInput input = new SiteInput();
        input.share = share;
        return input;
    }

    public String riskPointId() {
        return reading != null
                ? reading.riskPointId
                : minute != null ? minute.riskPointId : alert.riskPointId;
    }

    public String district() {
        String district =
                reading != null
                        ? reading.district
                        : minute != null
                                ? minute.readings.site.district
                                : share != null ? share.district : alert.district;
        return district == null ? Measurements.UNKNOWN_DISTRICT : district;
    }
}
