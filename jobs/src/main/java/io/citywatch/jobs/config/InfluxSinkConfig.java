package io.citywatch.jobs.config;

import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.RejectedPoints;

import java.net.URI;
import java.util.Map;

/** Turns the {@code influx-*} options into an {@link InfluxSink}, one message per bad value. */
public final class InfluxSinkConfig {
    private InfluxSinkConfig() {}

    /** Whether the options ask for InfluxDB output at all. */
    public static boolean enabled(Settings settings) {
        String url = settings.get(CityWatchOptions.INFLUX_URL);
        return url != null && !url.isBlank();
    }

    public static InfluxConnection connection(Settings settings, Map<String, String> env) {
        String url = settings.required(CityWatchOptions.INFLUX_URL).trim();
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "influx-url must be an http(s) URL like http://127.0.0.1:8086, got " + url);
        }
        if (url.contains("@")) {
            throw new ConfigException(
                    "influx-url must not carry credentials: use INFLUX_TOKEN or"
                            + " INFLUX_USER/INFLUX_PASSWORD");
        }
        boolean gzip = settings.get(CityWatchOptions.INFLUX_GZIP);
        InfluxConnection connection =
                switch (settings.get(CityWatchOptions.INFLUX_API)) {
                    case V2 -> {
                        String org = settings.get(CityWatchOptions.INFLUX_ORG);
                        if (org == null || org.isBlank()) {
                            throw new ConfigException(
                                    "the InfluxDB v2 API needs --influx-org (or use --influx-api"
                                            + " v1 --influx-db DB for InfluxDB 1.x)");
                        }
                        yield InfluxConnection.v2(
                                url,
                                org,
                                settings.required(CityWatchOptions.INFLUX_BUCKET),
                                settings.get(CityWatchOptions.INFLUX_TOKEN_FILE),
                                gzip,
                                settings.get(CityWatchOptions.INFLUX_REQUEST_TIMEOUT));
                    }
                    case V1 ->
                            InfluxConnection.v1(
                                    url,
                                    settings.required(CityWatchOptions.INFLUX_DB),
                                    settings.get(CityWatchOptions.INFLUX_RP),
                                    gzip,
                                    settings.get(CityWatchOptions.INFLUX_REQUEST_TIMEOUT));
                };
        try {
            connection.checkSecrets(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return connection;
    }

    public static InfluxSink sink(
            Settings settings, Map<String, String> env, RejectedPoints rejectedPoints) {
        InfluxConnection connection = connection(settings, env);
        try {
            return InfluxSink.builder()
                    .setConnection(connection)
                    .setRejectedPoints(rejectedPoints)
                    .setMaxBatchSize(settings.get(CityWatchOptions.INFLUX_BATCH_SIZE))
                    .setMaxInFlightRequests(settings.get(CityWatchOptions.INFLUX_MAX_IN_FLIGHT))
                    .setMaxBufferedRequests(settings.get(CityWatchOptions.INFLUX_MAX_BUFFERED))
                    .setMaxTimeInBufferMS(
                            settings.get(CityWatchOptions.INFLUX_FLUSH_INTERVAL).toMillis())
                    .setRetryBackoff(
                            settings.get(CityWatchOptions.INFLUX_RETRY_INITIAL),
                            settings.get(CityWatchOptions.INFLUX_RETRY_MAX))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
