package io.citywatch.jobs.io;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Serves the lines of a JSON Lines file in order, numbered from 1, to a single-split generator
 * source: the n-th call gets line n+1.
 */
public class LinesOfFile implements GeneratorFunction<Long, RawRecord> {
    /** Null for an empty input, which yields one placeholder with null text. */
    private final String path;

    private transient BufferedReader reader;
    private transient long nextIndex;

    public LinesOfFile(String path) {
        this.path = path;
    }

    @Override
    public void open(SourceReaderContext readerContext) throws IOException {
        if (path != null) {
            reader = LenientText.open(Path.of(path));
        }
        nextIndex = 0;
    }

    @Override
    public RawRecord map(Long index) throws IOException {
        if (reader == null) {
            return new RawRecord(null, 0, null);
        }
        // after a restore the generator resumes at a later index: skip forward to it
        while (nextIndex < index) {
            reader.readLine();
            nextIndex++;
        }
        String line = reader.readLine();
        nextIndex++;
        return new RawRecord(line == null ? "" : line, index + 1, null);
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
