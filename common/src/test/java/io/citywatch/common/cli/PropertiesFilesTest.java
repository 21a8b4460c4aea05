package io.citywatch.common.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PropertiesFilesTest {
    @TempDir Path folder;

    @Test
    void clientPropertiesTakeSecretsFromTheEnvironment() throws IOException {
        String variable = System.getenv().keySet().stream().sorted().findFirst().orElseThrow();
        Path file = folder.resolve("client.properties");
        Files.writeString(
                file,
                "sasl.jaas.config=Login required password=\"${" + variable + "}\";\n",
                StandardCharsets.UTF_8);
        assertThat(PropertiesFiles.read(file, true).get("sasl.jaas.config"))
                .isEqualTo("Login required password=\"" + System.getenv(variable) + "\";");
        assertThat(PropertiesFiles.read(file, false).get("sasl.jaas.config"))
                .isEqualTo("Login required password=\"${" + variable + "}\";");
    }

    @Test
    void aMissingVariableIsNamedButNoValueIsShown() throws IOException {
        Path file = folder.resolve("client.properties");
        Files.writeString(
                file, "sasl.jaas.config=user=\"u\" password=\"${CITYWATCH_NO_SUCH_SECRET}\";\n");
        assertThatThrownBy(() -> PropertiesFiles.read(file, true))
                .isInstanceOf(UsageException.class)
                .hasMessage(
                        "sasl.jaas.config refers to ${CITYWATCH_NO_SUCH_SECRET}, which is not set");
    }

    @Test
    void anInputFileMustBeReadable() {
        assertThat(PropertiesFiles.readable("--x", null)).isNull();
        assertThatThrownBy(() -> PropertiesFiles.readable("--x", folder.resolve("nope")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--x: no readable file");
        assertThatThrownBy(() -> PropertiesFiles.readable("--x", folder))
                .hasMessageStartingWith("--x: no readable file");
    }
}
