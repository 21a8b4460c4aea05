package io.citywatch.common.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository needs nothing beside its clone: no file under version control (build files,
 * scripts, tests, documents) refers to a folder outside it, and what the tests read is here.
 */
class StandsAloneTest {
    /** This file names what it looks for. */
    private static final Path SELF =
            Path.of("common/src/test/java/io/citywatch/common/contract/StandsAloneTest.java");

    @Test
    void noTrackedFileRefersToTheSharedFolderBesideTheClone() throws IOException {
        List<Path> files = Repository.trackedFiles();
        List<String> references = new ArrayList<>();
        for (Path file : files) {
            if (file.equals(SELF)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(Repository.root().resolve(file));
            if (isBinary(bytes)) {
                continue;
            }
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.contains("../shared")
                        || line.contains("shared/SPEC.md")
                        || line.contains("shared/samples")) {
                    references.add(file + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }

        assertThat(files).as("files under version control").hasSizeGreaterThan(100);
        assertThat(references).as("references to ../shared").isEmpty();
    }

    @Test
    void theContractItsSchemasAndTheScenariosAreInTheRepository() {
        assertThat(Repository.file("docs/contract.md")).isRegularFile();
        assertThat(Repository.file("docs/asyncapi.yaml")).isRegularFile();
        assertThat(Repository.file(ContractSchemas.FOLDER)).isDirectory();
        assertThat(Repository.scenarios()).hasSizeGreaterThan(10);
        for (Path scenario : Repository.scenarios()) {
            assertThat(scenario.resolve("expected.json")).isRegularFile();
            assertThat(scenario.resolve("registry.jsonl")).isRegularFile();
        }
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
