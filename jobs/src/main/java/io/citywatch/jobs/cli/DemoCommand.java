package io.citywatch.jobs.cli;

import io.citywatch.common.model.Alert;
import io.citywatch.jobs.JobSettings;
import io.citywatch.jobs.config.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * {@code citywatch demo}: the embedded default. Replays the bundled demo city (fire, flood and
 * device scenarios with some junk input) through the whole topology and prints its alerts.
 */
final class DemoCommand {
    private static final String[] FILES = {"registry.jsonl", "readings.jsonl", "incidents.jsonl"};

    private DemoCommand() {}

    static int run(List<String> argList, PrintStream console) {
        Args args = Args.parse(argList, Set.of("minutes"), Set.of());
        if (args.has("minutes")) {
            try {
                if (Integer.parseInt(args.get("minutes")) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new ConfigException("--minutes must be a whole number ≥ 1");
            }
        }
        Path folder;
        try {
            folder = Files.createTempDirectory("citywatch-demo");
            for (String file : FILES) {
                try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar lacks /demo/" + file);
                    }
                    Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("citywatch: cannot unpack the demo data: " + e.getMessage());
            return 1;
        }
        console.println("CityWatch demo: replaying the bundled demo city in event time…");
        long started = System.nanoTime();
        Replay.Result result;
        try {
            result =
                    Replay.run(
                            new Replay.Inputs(
                                    folder.resolve("readings.jsonl"),
                                    folder.resolve("incidents.jsonl"),
                                    folder.resolve("registry.jsonl"),
                                    null),
                            new JobSettings());
        } catch (Exception e) {
            System.err.println("citywatch: demo failed: " + e);
            return 1;
        }
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        for (Alert alert : result.alerts()) {
            console.println(AlertLine.render(alert, colour));
        }
        console.print(
                ReplaySummary.render(
                        result,
                        folder.resolve("alerts.jsonl"),
                        null,
                        (System.nanoTime() - started) / 1_000_000));
        try {
            Files.write(folder.resolve("alerts.jsonl"), result.alertLines());
        } catch (IOException e) {
            System.err.println("citywatch: cannot write " + folder + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
