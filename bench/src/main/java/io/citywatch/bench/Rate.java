package io.citywatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Records over seconds, as one figure of the report. */
public record Rate(long records, double seconds) {
    public static Rate between(long records, long startNanos, long endNanos) {
        return new Rate(records, Math.max(1, endNanos - startNanos) / 1e9);
    }

    public double perSecond() {
        return records / seconds;
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("records", records);
        json.put("seconds", Report.round(seconds, 3));
        json.put("per_second", Report.round(perSecond(), 0));
        return json;
    }
}
