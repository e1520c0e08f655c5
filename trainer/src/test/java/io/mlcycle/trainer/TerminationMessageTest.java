package io.mlcycle.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The termination message: written where Kubernetes reads it, and no longer than it keeps. */
class TerminationMessageTest {

    @TempDir
    Path dir;

    private final PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theDefaultFileIsWrittenOnlyWhenItExists() throws Exception {
        Path file = dir.resolve("termination-log");

        new TerminationMessage(file, false, log).write("done");
        assertThat(file).doesNotExist();

        Files.createFile(file);
        new TerminationMessage(file, false, log).write("done");
        assertThat(file).hasContent("done");
    }

    @Test
    void aFileGivenExplicitlyIsAlwaysWritten() {
        Path file = dir.resolve("given");

        TerminationMessage.from(Map.of(TerminationMessage.VARIABLE, file.toString()), log).write("done");

        assertThat(file).hasContent("done");
    }

    @Test
    void theDefaultIsKubernetesPath() throws Exception {
        TerminationMessage.from(Map.of(), log).write("nothing happens where /dev/termination-log does not exist");

        assertThat(TerminationMessage.DEFAULT).isEqualTo(Path.of("/dev/termination-log"));
    }

    @Test
    void longMessagesAreCutAtACharacterBoundaryWithin4096Bytes() {
        String message = "é".repeat(3000); // two bytes each

        byte[] bytes = TerminationMessage.truncated(message);

        assertThat(bytes).hasSize(4096);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("é".repeat(2048));
        assertThat(TerminationMessage.truncated("x" + "é".repeat(3000))).hasSize(4095);
    }
}
