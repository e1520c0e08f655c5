package io.mlcycle.runtime.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mlcycle.runtime.artifact.Sha256;
import io.mlcycle.runtime.artifact.TarGzArtifact;
import io.mlcycle.runtime.engine.BuiltinMlp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * The built-in MLP with {@code layers} hidden layers of {@code units} on DJL's PyTorch engine, random weights (DJL's
 * initialiser: speed does not depend on what it learned). Deep and narrow, it is a model where batching pays: each
 * call costs a fixed amount per layer (operator dispatch, JNI, allocation) whatever its rows, as deep and recurrent
 * models do, so one call of 32 rows costs about what one call of 1 row does.
 */
final class BenchMlp {

    private BenchMlp() {
    }

    static String write(Path dir, int features, int layers, int units, int outputs) throws IOException {
        BuiltinMlp architecture = new BuiltinMlp(features, Collections.nCopies(layers, units), outputs, "relu");
        Path modelDir = Files.createDirectories(dir.resolve("mlp"));
        try (Model model = Model.newInstance("mlp", Device.cpu(), "PyTorch")) {
            model.setBlock(architecture.block());
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, features));
            model.save(modelDir, "mlp");
        }
        Files.writeString(modelDir.resolve("mlcycle-model.json"), String.format(
                "{\"format\": \"pytorch\", \"file\": \"mlp-0000.params\", \"architecture\": {\"type\": \"mlp\", "
                        + "\"inputs\": %d, \"hidden\": %s, \"outputs\": %d}}%n", features,
                architecture.hidden(), outputs));
        Path artifact = TarGzArtifact.pack(dir.resolve("mlp.tar.gz"), "mlp",
                List.of(modelDir.resolve("mlp-0000.params"), modelDir.resolve("mlcycle-model.json")));
        return Sha256.of(artifact);
    }
}
