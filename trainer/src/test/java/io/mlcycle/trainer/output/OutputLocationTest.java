package io.mlcycle.trainer.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcycle.trainer.ExitCode;
import io.mlcycle.trainer.TrainerFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where outputs go and what they are called. */
class OutputLocationTest {

    @TempDir
    Path dir;

    @Test
    void s3PrefixesNameTheirObjects() {
        assertThat(OutputLocation.of("s3://models/churn/job-1", Map.of()).uri("model.tar.gz"))
                .isEqualTo("s3://models/churn/job-1/model.tar.gz");
        assertThat(OutputLocation.of("s3://models/churn/job-1/", Map.of()).uri("model.tar.gz"))
                .isEqualTo("s3://models/churn/job-1/model.tar.gz");
        assertThat(OutputLocation.of("s3://models", Map.of()).uri("metrics.json")).isEqualTo("s3://models/metrics.json");
    }

    @Test
    void localFoldersAreFileUris() {
        assertThat(OutputLocation.of("file:///data/out/", Map.of()).uri("model.tar.gz"))
                .isEqualTo("file:///data/out/model.tar.gz");
    }

    @Test
    void otherLocationsAreInvalidSettings() {
        for (String uri : new String[] {"https://example.com/out", "file://host/out", "s3:///out", "/plain/path"}) {
            assertThatThrownBy(() -> OutputLocation.of(uri, Map.of())).as(uri).isInstanceOf(TrainerFailure.class)
                    .extracting(e -> ((TrainerFailure) e).exitCode()).isEqualTo(ExitCode.INVALID_SETTINGS);
        }
    }

    @Test
    void aLocalFolderIsCreatedAndFilesReplacedWholeAndReadableByOthers() throws Exception {
        OutputLocation out = OutputLocation.of(dir.resolve("a/b").toUri().toString(), Map.of());

        out.write("metrics.json", "{}".getBytes(StandardCharsets.UTF_8));
        out.write("metrics.json", "{\"auc\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(dir.resolve("a/b/metrics.json")).hasContent("{\"auc\":1}");
        try (var files = Files.list(dir.resolve("a/b"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("metrics.json");
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("a/b/metrics.json")))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }
}
