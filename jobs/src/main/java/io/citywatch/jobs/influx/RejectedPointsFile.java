package io.citywatch.jobs.influx;

import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.model.DeadLetter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rejected points as dead-letter JSON Lines in a folder, one file per writer subtask, forced to
 * disk before the request completes. The replay reads them back into its dead-letter output.
 */
public class RejectedPointsFile implements RejectedPoints {
    private static final long serialVersionUID = 1L;

    private final String folder;
    private transient FileChannel channel;

    public RejectedPointsFile(Path folder) {
        this.folder = folder.toString();
    }

    @Override
    public void open(int subtask) throws IOException {
        Path dir = Path.of(folder);
        Files.createDirectories(dir);
        channel =
                FileChannel.open(
                        dir.resolve("influx-rejected-" + subtask + ".jsonl"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void rejected(List<DeadLetter> letters) throws IOException {
        StringBuilder text = new StringBuilder();
        for (DeadLetter letter : letters) {
            text.append(OutputJson.deadLetter(letter)).append('\n');
        }
        channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** Every line the writers of {@code folder} wrote, in file order. */
    public static List<String> readAll(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        }
        return lines;
    }
}
