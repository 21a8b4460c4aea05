package io.citywatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes a simulation as the JSON Lines files {@code replay} reads ({@code registry.jsonl}, {@code
 * readings.jsonl}, {@code incidents.jsonl}) and its ground truth beside them.
 */
public final class JsonLinesOutput {
    public static final String REGISTRY = "registry.jsonl";
    public static final String READINGS = "readings.jsonl";
    public static final String INCIDENTS = "incidents.jsonl";

    private JsonLinesOutput() {}

    /** Writes every record into {@code folder} (created when missing); returns the ground truth. */
    public static GroundTruth write(Simulation simulation, Path folder) throws IOException {
        Files.createDirectories(folder);
        Map<SimRecord.Stream, BufferedWriter> writers = new EnumMap<>(SimRecord.Stream.class);
        try {
            writers.put(SimRecord.Stream.REGISTRY, open(folder.resolve(REGISTRY)));
            writers.put(SimRecord.Stream.READINGS, open(folder.resolve(READINGS)));
            writers.put(SimRecord.Stream.INCIDENTS, open(folder.resolve(INCIDENTS)));
            while (simulation.hasNext()) {
                SimRecord record = simulation.next();
                BufferedWriter writer = writers.get(record.stream());
                writer.write(record.value());
                writer.write('\n');
            }
        } finally {
            for (BufferedWriter writer : writers.values()) {
                writer.close();
            }
        }
        GroundTruth truth =
                new GroundTruth(simulation.expectedAlerts(), simulation.expectedDeadLetters());
        truth.write(folder);
        return truth;
    }

    private static BufferedWriter open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
