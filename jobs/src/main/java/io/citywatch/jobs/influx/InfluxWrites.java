package io.citywatch.jobs.influx;

import com.influxdb.exceptions.InfluxException;

import java.util.List;

/**
 * One write request of line-protocol lines to InfluxDB, blocking until the server answered. Every
 * failure is an {@link InfluxException} carrying the HTTP status (0 for a network error), which
 * {@link WriteFailures} sorts into retry / reject lines / fail.
 */
public interface InfluxWrites extends AutoCloseable {
    void write(List<String> lines) throws InfluxException;

    @Override
    void close();
}
