package io.citywatch.jobs.io;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertReview;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.cap.CapMessage;
import io.citywatch.jobs.rules.PendingTimeout;

import org.apache.flink.streaming.api.datastream.DataStream;

/** Where the job's output goes: Kafka topics in production, collected lines in a replay. */
public interface JobSinks {
    void alerts(DataStream<Alert> alerts);

    void deadLetters(DataStream<DeadLetter> deadLetters);

    /** One review per ended alert (measurement alert_lifecycle). */
    default void reviews(DataStream<AlertReview> reviews) {}

    /** Timeouts still running when a replay's clock stopped; production ignores them. */
    default void pendingTimeouts(DataStream<PendingTimeout> pending) {}

    /**
     * Whether this run writes the CAP feed (docs/contract.md §3.1b): only then is it built, when
     * the settings name any scenario for it.
     */
    default boolean writesCap() {
        return false;
    }

    /** The CAP messages, one per alert version; called when {@link #writesCap()}. */
    default void cap(DataStream<CapMessage> messages) {}

    /**
     * Whether this run writes the InfluxDB measurements (docs/contract.md §3.3): only then are they
     * built.
     */
    default boolean writesInfluxPoints() {
        return false;
    }

    /** The InfluxDB measurements as line protocol; called when {@link #writesInfluxPoints()}. */
    default void influxPoints(DataStream<String> points) {}
}
