package io.mlcycle.runtime.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.artifact.TarGzArtifact;
import io.mlcycle.runtime.engine.DjlTrainedMlp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * Trains the built-in MLP with DJL ({@link DjlTrainedMlp}), packs {@code mlp-0000.params} and its manifest as a
 * .tar.gz artifact, and points the runtime at it with DJL's own predictions for the probe rows beside it.
 */
public class TrainedDjlMlp implements QuarkusTestResourceLifecycleManager {

    // The key the other server tests read too: every @QuarkusTest class is a bean and all of them are injected.
    static final String EXPECTED = "test.expected-predictions";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("mlcycle-mlp-");
            Path modelDir = Files.createDirectories(dir.resolve("model"));
            DjlTrainedMlp trained = DjlTrainedMlp.trainInto(modelDir);
            Path artifact = TarGzArtifact.pack(dir.resolve("blobs.tar.gz"), "blobs",
                    List.of(modelDir.resolve("mlp-0000.params"), modelDir.resolve("mlcycle-model.json")));
            Path expected = dir.resolve("expected.json");
            new ObjectMapper().writeValue(expected.toFile(), Map.of("probe", DjlTrainedMlp.PROBE,
                    "outputs", trained.expected()));
            return Map.of(
                    "mlcycle.runtime.model-uri", artifact.toUri().toString(),
                    "mlcycle.runtime.sha256", Sha256.of(artifact),
                    "mlcycle.runtime.name", "blobs",
                    "mlcycle.runtime.version", "1",
                    "mlcycle.runtime.workers", "2",
                    "mlcycle.runtime.cache-dir", dir.resolve("cache").toString(),
                    "mlcycle.runtime.exit-on-load-failure", "false",
                    "mlcycle.runtime.batching.max-batch-size", "8",
                    "mlcycle.runtime.batching.max-delay", "2ms",
                    EXPECTED, expected.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("training the MLP with DJL failed", e);
        }
    }

    @Override
    public void stop() {
        if (dir == null) {
            return;
        }
        try {
            PathUtils.deleteDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
