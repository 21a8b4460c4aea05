package io.citywatch.jobs.reliability;

import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.testing.Scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzz corpus of hostile records among good ones: every hostile record is dead-lettered, record
 * for record, and the job neither fails nor loses the good readings' alert.
 */
class HostileInputITCase {
    private static final String REGISTRY =
            "{\"riskPointId\":\"rp-r\",\"kind\":\"river_station\",\"name\":\"R\",\"district\":\"Yuzhong\","
                    + "\"lat\":29.56,\"lon\":106.55,\"reportingPeriodSec\":3600,"
                    + "\"devices\":[{\"deviceId\":\"lvl\",\"type\":\"water_level\"}],"
                    + "\"thresholds\":{\"flood.warning\":100.0}}";

    @TempDir Path folder;

    /** Each entry is one line of bytes; none may contain a line break. */
    static List<byte[]> hostileCorpus(long seed) {
        List<byte[]> corpus = new ArrayList<>();
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            for (int j = 0; j < noise.length; j++) {
                if (noise[j] == '\n' || noise[j] == '\r') {
                    noise[j] = 'x';
                }
            }
            corpus.add(noise);
        }
        String good =
                "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":99.0,\"ts\":\"2026-07-14T00:10:00Z\"}";
        for (int cut = 1; cut < good.length(); cut += 7) {
            corpus.add(utf8(good.substring(0, cut)));
        }
        corpus.add(utf8("[".repeat(20_000) + "]".repeat(20_000)));
        corpus.add(utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\",\"pad\":\""
                                + "y".repeat(10 * 1024 * 1024)
                                + "\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":1e400,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":-1e400,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":99,\"ts\":123456789012345678901234567890}"));
        corpus.add(utf8("{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":99,\"ts\":-5}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"l\u0000vl\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\u0007\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"lvl\",\"deviceId\":\"other\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "{\"deviceId\":\"\\ud800\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(
                utf8(
                        "\uFEFF{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.writeBytes(utf8("{\"deviceId\":\"lv"));
        latin1.write(0xE9); // é in Latin-1: malformed as UTF-8
        latin1.writeBytes(
                utf8("l\",\"type\":\"water_level\",\"value\":99,\"ts\":\"2026-07-14T00:10:00Z\"}"));
        corpus.add(latin1.toByteArray());
        corpus.add(new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xFF, (byte) 0xFE});
        corpus.add(utf8("null"));
        corpus.add(utf8("\"just a string\""));
        corpus.add(utf8("{}"));
        corpus.add(utf8("   "));
        return corpus;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyHostileRecordIsDeadLetteredAndTheGoodOnesStillAlert() throws Exception {
        List<byte[]> corpus = hostileCorpus(20261129);
        ByteArrayOutputStream readings = new ByteArrayOutputStream();
        int good = 0;
        for (int hour = 0; hour < 8; hour++) {
            // good readings rise past the warning level between the hostile lines
            readings.writeBytes(
                    utf8(
                            String.format(
                                    "{\"deviceId\":\"lvl\",\"type\":\"water_level\",\"value\":%s,\"ts\":\"%s\"}%n",
                                    98.0 + hour * 0.5, Scenario.T0.plusSeconds(hour * 3600L))));
            good++;
            for (int i = hour; i < corpus.size(); i += 8) {
                readings.writeBytes(corpus.get(i));
                readings.write('\n');
            }
        }
        Path readingsFile = Files.write(folder.resolve("readings.jsonl"), readings.toByteArray());
        Path registryFile = Files.writeString(folder.resolve("registry.jsonl"), REGISTRY + "\n");

        Replay.Result result =
                Replay.run(
                        new Replay.Inputs(readingsFile, null, registryFile, null),
                        JobSettings.defaults());

        assertThat(result.lines().readings()).isEqualTo(corpus.size() + good);
        assertThat(result.deadLetters()).hasSize(corpus.size());
        assertThat(result.deadLetters())
                .extracting((DeadLetter d) -> d.source)
                .containsOnly("citywatch.readings");
        assertThat(Scenario.highestLevels(result, "flood.water_level"))
                .containsEntry("rp-r/lvl", "yellow");
    }

    /**
     * A registry record with a misspelt threshold is dead-lettered and changes nothing, in the
     * registry the job starts from as in the registry stream: the station keeps its warning level
     * (an update that misspells it does not replace the good record), and the readings of a new
     * risk point whose record is misspelt are unknown.
     */
    @Test
    void aRegistryRecordWithAMisspeltThresholdIsDeadLetteredAndChangesNothing() throws Exception {
        String misspeltUpdate = REGISTRY.replace("flood.warning", "flood.warnig");
        String misspeltNewcomer =
                REGISTRY.replace("rp-r", "rp-m")
                        .replace("\"lvl\"", "\"lvl-m\"")
                        .replace("flood.warning", "flood.warnig");
        Path registryFile =
                Files.writeString(
                        folder.resolve("registry.jsonl"),
                        REGISTRY + "\n" + misspeltUpdate + "\n" + misspeltNewcomer + "\n");
        StringBuilder readings = new StringBuilder();
        for (int hour = 0; hour < 8; hour++) {
            for (String device : List.of("lvl", "lvl-m")) {
                readings.append(
                        String.format(
                                "{\"deviceId\":\"%s\",\"type\":\"water_level\",\"value\":%s,\"ts\":\"%s\"}%n",
                                device, 98.0 + hour * 0.5, Scenario.T0.plusSeconds(hour * 3600L)));
            }
        }
        Path readingsFile = Files.writeString(folder.resolve("readings.jsonl"), readings);

        Replay.Result result =
                Replay.run(
                        new Replay.Inputs(readingsFile, null, registryFile, null),
                        JobSettings.defaults());

        List<DeadLetter> registryDeadLetters =
                result.deadLetters().stream()
                        .filter(d -> d.source.equals("citywatch.registry"))
                        .toList();
        assertThat(registryDeadLetters)
                .extracting(d -> d.raw)
                .containsExactly(misspeltUpdate, misspeltNewcomer);
        assertThat(registryDeadLetters)
                .allSatisfy(
                        d -> {
                            assertThat(d.reason).hasToString("bad_value");
                            assertThat(d.detail)
                                    .startsWith(
                                            "thresholds.flood.warnig is not a parameter of a"
                                                    + " river_station; allowed: ")
                                    .contains("flood.warning");
                        });
        assertThat(result.deadLetters())
                .filteredOn(d -> d.source.equals("citywatch.readings"))
                .hasSize(8)
                .allSatisfy(d -> assertThat(d.reason).hasToString("unknown_device"));
        assertThat(Scenario.highestLevels(result, "flood.water_level"))
                .containsOnlyKeys("rp-r/lvl")
                .containsEntry("rp-r/lvl", "yellow");
    }
}
