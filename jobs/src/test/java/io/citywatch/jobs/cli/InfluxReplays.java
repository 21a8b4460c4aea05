package io.citywatch.jobs.cli;

import io.citywatch.jobs.testing.InfluxServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code citywatch replay … --influx-url} on a scenario, as a user would. */
final class InfluxReplays {
    private InfluxReplays() {}

    static void replay(InfluxServer influx, String sample, String db, Path out, String... extra) {
        replayFolder(influx, SamplesReplayITCase.scenario(sample), db, out, extra);
    }

    /** Replays the {@code readings/incidents/registry/actions.jsonl} files present in folder. */
    static void replayFolder(
            InfluxServer influx, Path folder, String db, Path out, String... extra) {
        String sample = folder.getFileName().toString();
        List<String> args = new ArrayList<>();
        for (String input : List.of("readings", "incidents", "registry", "actions")) {
            Path file = folder.resolve(input + ".jsonl");
            if (Files.exists(file)) {
                args.add("--" + input);
                args.add(file.toString());
            }
        }
        args.addAll(
                List.of(
                        "--alerts-out",
                        out.resolve(sample + "-alerts.jsonl").toString(),
                        "--deadletter-out",
                        out.resolve(sample + "-deadletters.jsonl").toString(),
                        "--influx-url",
                        influx.url(),
                        "--influx-api",
                        "v1",
                        "--influx-db",
                        db));
        args.addAll(List.of(extra));
        assertThat(ReplayCommand.run(args, System.out))
                .as("exit code of replay %s", sample)
                .isZero();
    }

    /** Every row of every measurement, for comparing two states of a database. */
    static List<Map<String, Object>> everything(InfluxServer influx, String db) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> measurement : influx.query(db, "SHOW MEASUREMENTS")) {
            String name = (String) measurement.get("name");
            for (Map<String, Object> row : influx.query(db, "SELECT * FROM \"" + name + "\"")) {
                Map<String, Object> named = new java.util.TreeMap<>(row);
                named.put("_measurement", name);
                rows.add(named);
            }
        }
        return rows;
    }
}
