package io.citywatch.jobs.influx;

import io.citywatch.common.model.DeadLetter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Rejected points only logged: for setups without a dead-letter destination. */
public class RejectedPointsLog implements RejectedPoints {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RejectedPointsLog.class);

    @Override
    public void open(int subtask) {}

    @Override
    public void rejected(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            LOG.warn("InfluxDB rejected a point ({}): {}", letter.detail, letter.raw);
        }
    }

    @Override
    public void close() {}
}
