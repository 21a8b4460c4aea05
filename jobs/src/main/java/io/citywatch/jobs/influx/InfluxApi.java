package io.citywatch.jobs.influx;

/** Which write endpoint the sink talks to: the values of {@code influx-api}. */
public enum InfluxApi {
    /** {@code /api/v2/write} with a token, org and bucket: InfluxDB 2.x, 3.x and 1.8+. */
    V2,
    /**
     * {@code /write?db=&rp=} with optional user/password: every InfluxDB 1.x, e.g. Debian's 1.6.
     */
    V1;

    /** As the {@code influx-api} option writes it. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
