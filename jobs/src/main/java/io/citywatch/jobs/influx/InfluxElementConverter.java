package io.citywatch.jobs.influx;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Elements already are line protocol, built with the client's {@code Point} upstream ({@code Point}
 * is neither serializable nor thread-safe, so lines travel between operators).
 */
public class InfluxElementConverter implements ElementConverter<String, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String apply(String line, SinkWriter.Context context) {
        return line;
    }
}
