package io.citywatch.jobs.influx;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * The side channel of points InfluxDB rejected as malformed: a Flink sink has no side outputs, so
 * the writer hands each rejected line, as a dead letter {@code influx_rejected}, to this channel
 * before it reports the request done. {@link #rejected} returns only once the letters are durable
 * (flushed to Kafka or a file), so a checkpoint that completes after the request never loses one.
 * Each writer subtask gets its own deserialized copy.
 */
public interface RejectedPoints extends Serializable {
    /** The dead-letter source of rejected points. */
    String SOURCE = "influxdb";

    void open(int subtask) throws IOException;

    void rejected(List<DeadLetter> letters) throws IOException;

    void close() throws IOException;

    /** A dead letter for one rejected line, keeping the line whole. */
    static DeadLetter deadLetter(String line, String serverMessage) {
        String detail =
                serverMessage.length() > 1000
                        ? serverMessage.substring(0, 1000) + "…"
                        : serverMessage;
        return DeadLetter.of(
                SOURCE, RejectReason.influx_rejected, detail, line, timestampOf(line), 0);
    }

    /** The ms timestamp that ends a line, or null. */
    static Long timestampOf(String line) {
        int space = line.lastIndexOf(' ');
        if (space < 0 || space == line.length() - 1) {
            return null;
        }
        try {
            return Long.parseLong(line.substring(space + 1).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
