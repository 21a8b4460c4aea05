package io.citywatch.jobs.influx;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The InfluxDB sink's options, typed, each with its one default; {@link InfluxSinkBuilder} takes
 * its defaults from here.
 */
public final class InfluxSinkOptions {
    public static final ConfigOption<String> URL =
            ConfigOptions.key("influx-url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "InfluxDB base URL, e.g. http://127.0.0.1:8086; when set, the"
                                    + " measurements of docs/contract.md §3.3 are written there.");

    public static final ConfigOption<InfluxApi> API =
            ConfigOptions.key("influx-api")
                    .enumType(InfluxApi.class)
                    .defaultValue(InfluxApi.V2)
                    .withDescription(
                            "v2 (token, org, bucket: InfluxDB 2.x, 3.x, 1.8+) or v1 (database,"
                                    + " retention policy, user/password: every InfluxDB 1.x).");

    public static final ConfigOption<String> ORG =
            ConfigOptions.key("influx-org")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v2: the organization of the bucket.");

    public static final ConfigOption<String> BUCKET =
            ConfigOptions.key("influx-bucket")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription("v2: the bucket.");

    public static final ConfigOption<String> TOKEN_FILE =
            ConfigOptions.key("influx-token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "v2: a file holding the API token; without it the token comes from"
                                    + " the environment variable INFLUX_TOKEN. Never on the"
                                    + " command line.");

    public static final ConfigOption<String> DB =
            ConfigOptions.key("influx-db")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription(
                            "v1: the database (user/password from INFLUX_USER/INFLUX_PASSWORD).");

    public static final ConfigOption<String> RP =
            ConfigOptions.key("influx-rp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v1: the retention policy; the database's default if unset.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            ConfigOptions.key("influx-batch-size")
                    .intType()
                    .defaultValue(5_000)
                    .withDescription("Points per write request at most.");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            ConfigOptions.key("influx-flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("A point waits at most this long for its batch to fill.");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT =
            ConfigOptions.key("influx-max-in-flight")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Write requests in flight per sink subtask; above 1 a re-emitted row"
                                    + " may be overwritten by its older version after a retry.");

    public static final ConfigOption<Integer> MAX_BUFFERED =
            ConfigOptions.key("influx-max-buffered")
                    .intType()
                    .defaultValue(50_000)
                    .withDescription(
                            "Points buffered per sink subtask; when full, the job slows down"
                                    + " (back-pressure) instead of filling memory.");

    public static final ConfigOption<Boolean> GZIP =
            ConfigOptions.key("influx-gzip")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Compress write requests with gzip.");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            ConfigOptions.key("influx-request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("HTTP connect/read/write timeout of one write request.");

    public static final ConfigOption<Duration> RETRY_INITIAL =
            ConfigOptions.key("influx-retry-initial")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("First back-off after a failed write (doubles, jittered).");

    public static final ConfigOption<Duration> RETRY_MAX =
            ConfigOptions.key("influx-retry-max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Longest back-off between write retries; retries never stop.");

    private InfluxSinkOptions() {}
}
