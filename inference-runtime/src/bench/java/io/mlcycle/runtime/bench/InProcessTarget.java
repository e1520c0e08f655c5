package io.mlcycle.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlcycle.runtime.engine.ModelLoader;
import io.mlcycle.runtime.engine.LoadedModel;
import io.mlcycle.runtime.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The runtime's own engine path without any transport: the engine's predict on the caller's thread. */
final class InProcessTarget implements Target {

    private final LoadedModel model;
    private final List<Tensor> inputs;

    InProcessTarget(Path modelDir, float[] row) {
        model = new ModelLoader(new ObjectMapper()).load("bench", "1", modelDir,
                new ModelLoader.Options(Optional.empty(), 1, 1));
        inputs = List.of(Tensor.of("input", new long[] {1, row.length}, row));
    }

    @Override
    public CompletableFuture<Void> send() {
        model.predict(inputs);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        model.close();
    }
}
