package io.citywatch.jobs.influx;

/** InfluxDB refused writes in a way retrying cannot fix: the job fails with this message. */
public class InfluxSinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfluxSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
