package io.mlcycle.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.artifact.ArchiveExtractor;
import io.mlcycle.runtime.artifact.ArtifactStore;
import io.mlcycle.runtime.artifact.HostPolicy;
import io.mlcycle.runtime.artifact.LocalFetcher;
import io.mlcycle.runtime.engine.GoldenExamples;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.engine.ModelLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a written artifact the way the inference runtime serves it: fetched and digest-checked by its
 * {@link ArtifactStore}, unpacked, and loaded by its {@link ModelLoader} (with the manifest's golden examples).
 */
public final class ServedArtifact {

    private ServedArtifact() {
    }

    public static LoadedModel load(String artifactUri, String sha256, Path cacheDir) {
        ArtifactStore store = new ArtifactStore(cacheDir, HostPolicy.strict(),
                Map.of("file", new LocalFetcher(cacheDir)), new ArchiveExtractor(1L << 28, 100));
        Path modelDir = store.fetch(artifactUri, sha256);
        return new ModelLoader(new ObjectMapper()).load("trained", "1", modelDir,
                new ModelLoader.Options(Optional.empty(), 1, 1));
    }

    /** What the runtime's warm-up check finds when it runs the manifest's golden examples. */
    public static GoldenExamples.Outcome checkGoldenExamples(LoadedModel model) {
        return model.manifest().examples().orElseThrow(() -> new AssertionError("the manifest has no examples"))
                .check(model);
    }
}
