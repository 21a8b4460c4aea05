package io.citywatch.jobs.config;

import io.citywatch.jobs.io.Topics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of the job, typed, with its default and description. The command line ({@code
 * --max-out-of-orderness 45s}) and the {@code run --config} file ({@code max-out-of-orderness=45s})
 * use the same keys.
 */
public final class CityWatchOptions {
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigOptions.key("max-out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("How far behind the newest event time an event may arrive.");

    public static final ConfigOption<Duration> IDLENESS =
            ConfigOptions.key("idleness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "A partition quiet this long stops holding the watermark back.");

    public static final ConfigOption<Duration> MAX_WATERMARK_DRIFT =
            ConfigOptions.key("max-watermark-drift")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "How far in event time a partition or input may read ahead of the"
                                    + " slowest while a backlog is caught up (watermark"
                                    + " alignment); 0 switches alignment off.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            ConfigOptions.key("allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("Lateness window aggregates accept, re-emitting their row.");

    public static final ConfigOption<Duration> UNKNOWN_HOLD =
            ConfigOptions.key("unknown-hold")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a record from an unregistered device waits for its registry"
                                    + " record before it is dead-lettered.");

    public static final ConfigOption<Double> INCIDENT_MATCH_RADIUS =
            ConfigOptions.key("incident-match-radius")
                    .doubleType()
                    .defaultValue(300.0)
                    .withDescription("Metres within which an incident belongs to a risk point.");

    public static final ConfigOption<Duration> CLEAR_AFTER =
            ConfigOptions.key("clear-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "An alert whose rule has not matched for this long is cleared.");

    public static final ConfigOption<String> LOCALE =
            ConfigOptions.key("locale")
                    .stringType()
                    .defaultValue("en")
                    .withDescription("Language of alert messages: en or zh-CN.");

    public static final ConfigOption<String> REGISTRY_FILE =
            ConfigOptions.key("registry")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("JSON Lines file with the registry loaded at start.");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("parallelism")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Parallelism of the job.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("How often the job checkpoints its state.");

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka brokers, host:port[,host:port].");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("kafka.group-id")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription("Kafka consumer group of the job.");

    public static final ConfigOption<String> KAFKA_PROPERTIES_FILE =
            ConfigOptions.key("kafka.properties-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Kafka client properties (security.protocol, sasl.*, ssl.*); values"
                                    + " may name environment variables as ${NAME}.");

    public static final ConfigOption<String> ALERTS_DELIVERY =
            ConfigOptions.key("alerts-delivery")
                    .stringType()
                    .defaultValue("at-least-once")
                    .withDescription("at-least-once or exactly-once (Kafka transactions).");

    public static final ConfigOption<Boolean> DEVICE_AGGREGATES =
            ConfigOptions.key("device-aggregates")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Also write device_1m to InfluxDB: one series per device (opt-in).");

    public static final ConfigOption<String> INFLUX_URL =
            ConfigOptions.key("influx-url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "InfluxDB base URL, e.g. http://127.0.0.1:8086; when set, the"
                                    + " measurements of SPEC §3.3 are written there.");

    public static final ConfigOption<String> INFLUX_API =
            ConfigOptions.key("influx-api")
                    .stringType()
                    .defaultValue("v2")
                    .withDescription(
                            "v2 (token, org, bucket: InfluxDB 2.x, 3.x, 1.8+) or v1 (database,"
                                    + " retention policy, user/password: every InfluxDB 1.x).");

    public static final ConfigOption<String> INFLUX_ORG =
            ConfigOptions.key("influx-org")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v2: the organization of the bucket.");

    public static final ConfigOption<String> INFLUX_BUCKET =
            ConfigOptions.key("influx-bucket")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription("v2: the bucket.");

    public static final ConfigOption<String> INFLUX_TOKEN_FILE =
            ConfigOptions.key("influx-token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "v2: a file holding the API token; without it the token comes from"
                                    + " the environment variable INFLUX_TOKEN. Never on the"
                                    + " command line.");

    public static final ConfigOption<String> INFLUX_DB =
            ConfigOptions.key("influx-db")
                    .stringType()
                    .defaultValue("citywatch")
                    .withDescription(
                            "v1: the database (user/password from INFLUX_USER/INFLUX_PASSWORD).");

    public static final ConfigOption<String> INFLUX_RP =
            ConfigOptions.key("influx-rp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v1: the retention policy; the database's default if unset.");

    public static final ConfigOption<Integer> INFLUX_BATCH_SIZE =
            ConfigOptions.key("influx-batch-size")
                    .intType()
                    .defaultValue(5_000)
                    .withDescription("Points per write request at most.");

    public static final ConfigOption<Duration> INFLUX_FLUSH_INTERVAL =
            ConfigOptions.key("influx-flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("A point waits at most this long for its batch to fill.");

    public static final ConfigOption<Integer> INFLUX_MAX_IN_FLIGHT =
            ConfigOptions.key("influx-max-in-flight")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Write requests in flight per sink subtask; above 1 a re-emitted row"
                                    + " may be overwritten by its older version after a retry.");

    public static final ConfigOption<Integer> INFLUX_MAX_BUFFERED =
            ConfigOptions.key("influx-max-buffered")
                    .intType()
                    .defaultValue(50_000)
                    .withDescription(
                            "Points buffered per sink subtask; when full, the job slows down"
                                    + " (back-pressure) instead of filling memory.");

    public static final ConfigOption<Boolean> INFLUX_GZIP =
            ConfigOptions.key("influx-gzip")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Compress write requests with gzip.");

    public static final ConfigOption<Duration> INFLUX_REQUEST_TIMEOUT =
            ConfigOptions.key("influx-request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("HTTP connect/read/write timeout of one write request.");

    public static final ConfigOption<Duration> INFLUX_RETRY_INITIAL =
            ConfigOptions.key("influx-retry-initial")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("First back-off after a failed write (doubles, jittered).");

    public static final ConfigOption<Duration> INFLUX_RETRY_MAX =
            ConfigOptions.key("influx-retry-max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Longest back-off between write retries; retries never stop.");

    public static final ConfigOption<String> READINGS_TOPIC = topic("readings", Topics.READINGS);
    public static final ConfigOption<String> INCIDENTS_TOPIC = topic("incidents", Topics.INCIDENTS);
    public static final ConfigOption<String> REGISTRY_TOPIC = topic("registry", Topics.REGISTRY);
    public static final ConfigOption<String> ACTIONS_TOPIC =
            topic("alert-actions", Topics.ALERT_ACTIONS);
    public static final ConfigOption<String> ALERTS_TOPIC = topic("alerts", Topics.ALERTS);
    public static final ConfigOption<String> DEADLETTER_TOPIC =
            topic("deadletter", Topics.DEADLETTER);

    /** The options that shape the job itself, shared by run and replay. */
    public static final List<ConfigOption<?>> JOB =
            List.of(
                    MAX_OUT_OF_ORDERNESS,
                    IDLENESS,
                    MAX_WATERMARK_DRIFT,
                    ALLOWED_LATENESS,
                    UNKNOWN_HOLD,
                    INCIDENT_MATCH_RADIUS,
                    CLEAR_AFTER,
                    LOCALE);

    /** The InfluxDB sink's options (the device-aggregates flag included). */
    public static final List<ConfigOption<?>> INFLUX =
            List.of(
                    INFLUX_URL,
                    INFLUX_API,
                    INFLUX_ORG,
                    INFLUX_BUCKET,
                    INFLUX_TOKEN_FILE,
                    INFLUX_DB,
                    INFLUX_RP,
                    INFLUX_BATCH_SIZE,
                    INFLUX_FLUSH_INTERVAL,
                    INFLUX_MAX_IN_FLIGHT,
                    INFLUX_MAX_BUFFERED,
                    INFLUX_GZIP,
                    INFLUX_REQUEST_TIMEOUT,
                    INFLUX_RETRY_INITIAL,
                    INFLUX_RETRY_MAX,
                    DEVICE_AGGREGATES);

    public static final List<ConfigOption<?>> KAFKA =
            List.of(
                    REGISTRY_FILE,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL,
                    BOOTSTRAP_SERVERS,
                    GROUP_ID,
                    KAFKA_PROPERTIES_FILE,
                    ALERTS_DELIVERY,
                    READINGS_TOPIC,
                    INCIDENTS_TOPIC,
                    REGISTRY_TOPIC,
                    ACTIONS_TOPIC,
                    ALERTS_TOPIC,
                    DEADLETTER_TOPIC);

    private CityWatchOptions() {}

    private static ConfigOption<String> topic(String name, String defaultTopic) {
        return ConfigOptions.key("topic." + name)
                .stringType()
                .defaultValue(defaultTopic)
                .withDescription("Kafka topic " + defaultTopic + ".");
    }
}
