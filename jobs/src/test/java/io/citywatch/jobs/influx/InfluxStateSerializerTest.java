package io.citywatch.jobs.influx;

import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Buffered lines survive a checkpoint byte for byte, long and non-ASCII ones included. */
class InfluxStateSerializerTest {
    @Test
    void roundTrip() throws Exception {
        List<String> lines =
                List.of(
                        "alert,district=渝中,rule=fire.confirmed message=\"起火 \\\"A\\\"\" 1784000000000",
                        "risk_point_1m,riskPoint=rp-1 level=4i 1784000000000",
                        "m v=\"" + "x".repeat(70_000) + "\" 1");
        List<RequestEntryWrapper<String>> entries = new ArrayList<>();
        for (String line : lines) {
            entries.add(new RequestEntryWrapper<>(line, InfluxSinkWriter.utf8Length(line)));
        }
        InfluxStateSerializer serializer = new InfluxStateSerializer();

        BufferedRequestState<String> restored =
                serializer.deserialize(
                        serializer.getVersion(),
                        serializer.serialize(new BufferedRequestState<>(entries)));

        assertThat(restored.getBufferedRequestEntries())
                .extracting(RequestEntryWrapper::getRequestEntry)
                .containsExactlyElementsOf(lines);
        assertThat(restored.getStateSize())
                .isEqualTo(new BufferedRequestState<>(entries).getStateSize());
    }

    @Test
    void utf8LengthCountsBytes() {
        for (String text : List.of("", "abc", "渝中", "é", "😀x")) {
            assertThat(InfluxSinkWriter.utf8Length(text))
                    .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }
}
