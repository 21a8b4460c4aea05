package io.citywatch.jobs.io;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.contract.Repository;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryRecordsTest {
    private static String river(String thresholds) {
        return "{\"riskPointId\":\"rp-r\",\"kind\":\"river_station\",\"lat\":29.56,\"lon\":106.55,"
                + "\"devices\":[{\"deviceId\":\"lvl\",\"type\":\"water_level\"}],"
                + "\"thresholds\":{"
                + thresholds
                + "}}";
    }

    @Test
    void aMisspeltKeyIsABadValueThatListsTheAllowedKeys() {
        Parsed<RegistryUpdate> parsed = RegistryRecords.decode(river("\"flood.warnig\":180.5"));
        assertThat(parsed.isOk()).isFalse();
        assertThat(parsed.reason()).isEqualTo(RejectReason.bad_value);
        assertThat(parsed.detail())
                .startsWith(
                        "thresholds.flood.warnig is not a parameter of a river_station; allowed:")
                .contains("flood.warning");
    }

    @Test
    void aValueOutOfRangeIsABadValueThatNamesTheRange() {
        Parsed<RegistryUpdate> parsed = RegistryRecords.decode(river("\"flood.hysteresis\":-1"));
        assertThat(parsed.reason()).isEqualTo(RejectReason.bad_value);
        assertThat(parsed.detail())
                .isEqualTo("thresholds.flood.hysteresis = -1 is outside its range 0 … 100 m");
    }

    @Test
    void validRecordsDeletionsAndTheCodecsOwnRejectionsPassThrough() {
        assertThat(
                        RegistryRecords.decode(river("\"flood.warning\":100"))
                                .value()
                                .riskPoint
                                .thresholds)
                .containsEntry("flood.warning", 100.0);
        assertThat(RegistryRecords.decode("{\"riskPointId\":\"x\",\"deleted\":true}").value())
                .matches(RegistryUpdate::isDeletion);
        Parsed<RegistryUpdate> noDot = RegistryRecords.decode(river("\"warning\":1"));
        assertThat(noDot.reason()).isEqualTo(RejectReason.bad_value);
        assertThat(noDot.detail()).isEqualTo(RegistryCodec.decode(river("\"warning\":1")).detail());
    }

    /** Every record of the repository's registries that the codec accepts, the job accepts too. */
    @Test
    void theScenariosAndTheSimulatedCityPassValidation() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path scenario : Repository.scenarios()) {
            Path registry = scenario.resolve("registry.jsonl");
            if (Files.exists(registry)) {
                lines.addAll(Files.readAllLines(registry));
            }
        }
        SimulatorSettings settings = new SimulatorSettings();
        settings.riskPoints = 60;
        lines.addAll(new Simulation(settings).registryLines());
        int checked = 0;
        for (String line : lines) {
            if (RegistryCodec.decode(line).isOk()) {
                Parsed<RegistryUpdate> parsed = RegistryRecords.decode(line);
                assertThat(parsed.isOk()).as("%s: %s", line, parsed.detail()).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(60);
    }
}
