package io.citywatch.jobs.testing;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

import java.util.Collection;
import java.util.List;

/** What a test harness's operator told downstream about time, in the order it went out. */
public final class OperatorClock {
    private OperatorClock() {}

    /** The watermarks (their timestamps) and the announcements ("idle", "active"). */
    public static List<String> of(Collection<Object> output) {
        return output.stream()
                .filter(e -> e instanceof Watermark || e instanceof WatermarkStatus)
                .map(
                        e ->
                                e instanceof Watermark w
                                        ? String.valueOf(w.getTimestamp())
                                        : ((WatermarkStatus) e).isIdle() ? "idle" : "active")
                .toList();
    }
}
