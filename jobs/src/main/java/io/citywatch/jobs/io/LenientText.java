package io.citywatch.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads input files as UTF-8 that tolerates wrong encodings: a malformed byte becomes U+FFFD in its
 * line, which is then rejected (or not) like any other text, instead of failing the replay.
 */
public final class LenientText {
    private LenientText() {}

    public static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(
                new InputStreamReader(
                        Files.newInputStream(file),
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }
}
