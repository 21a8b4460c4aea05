package io.citywatch.jobs;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.cap.CapMessage;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.io.ReplayFiles;
import io.citywatch.jobs.rules.PendingTimeout;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Savepoints survive upgrades only if every operator keeps its uid: check them all. */
class TopologyTest {
    @Test
    void everyOperatorHasAStableUniqueUidAndAName() {
        StreamGraph graph = graph(new DiscardingSinks());
        List<String> missing = missingUids(graph);
        assertThat(missing).as("operators without a uid").isEmpty();

        List<String> uids = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            uids.add(node.getTransformationUID());
            assertThat(node.getOperatorName()).isNotBlank();
        }
        assertThat(uids).doesNotHaveDuplicates();
        assertThat(uids)
                .contains(
                        "readings.decode",
                        "readings.late",
                        "alerts.episodes",
                        "rules.device",
                        "fire.confirmed.cep",
                        "alerts.cap.scenarios",
                        "alerts.cap");
        // the hosted device rules are units of rules.device, not operators of their own
        assertThat(uids)
                .doesNotContain(
                        "device.offline.detector",
                        "device.sensor_fault.faults",
                        "device.stuck.flat-runs");
    }

    @Test
    void theCheckFindsAForgottenUid() {
        StreamGraph graph =
                graph(
                        new DiscardingSinks() {
                            @Override
                            public void alerts(DataStream<Alert> alerts) {
                                alerts.sinkTo(new DiscardingSink<>()); // no uid on purpose
                            }
                        });
        assertThat(missingUids(graph)).hasSize(1);
    }

    private static List<String> missingUids(StreamGraph graph) {
        List<String> missing = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                missing.add(node.getOperatorName());
            }
        }
        return missing;
    }

    private static StreamGraph graph(JobSinks sinks) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new CityWatchJob(
                        JobSettings.defaults(),
                        List.of(),
                        new ReplayFiles(null, null, null, null),
                        sinks)
                .build(env);
        return env.getStreamGraph();
    }

    /** Sinks with uids, as production's are. */
    static class DiscardingSinks implements JobSinks {
        @Override
        public void alerts(DataStream<Alert> alerts) {
            alerts.sinkTo(new DiscardingSink<>()).uid("test.alerts");
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> deadLetters) {
            deadLetters.sinkTo(new DiscardingSink<>()).uid("test.deadletters");
        }

        @Override
        public void pendingTimeouts(DataStream<PendingTimeout> pending) {
            pending.sinkTo(new DiscardingSink<>()).uid("test.pending");
        }

        @Override
        public boolean writesCap() {
            return true;
        }

        @Override
        public void cap(DataStream<CapMessage> messages) {
            messages.sinkTo(new DiscardingSink<>()).uid("test.cap");
        }
    }
}
